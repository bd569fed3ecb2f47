package dev.switchboard.triage;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Text as the rules compare it: lower case, accents gone ("reembolsó" and "reembolso" match alike), common
 * misspellings replaced word by word, punctuation turned into spaces, one space between words. Rules'
 * own words go through the same steps, so a rule is written once for every spelling.
 */
final class Normaliser {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    /** Hyphens split too: "livrez-vous" and "log-in" are two words each. */
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}'#]+");

    private final Map<String, String> misspellings;

    Normaliser(Map<String, String> misspellings) {
        this.misspellings = Map.copyOf(misspellings.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(e -> fold(e.getKey()), e -> fold(e.getValue()), (a, b) -> a)));
    }

    /** The words of the text, normalised. */
    List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String word : NOT_WORD.split(fold(text))) {
            String clean = word.replaceAll("^['#]+|['#]+$", "");
            if (!clean.isEmpty()) {
                String fixed = misspellings.getOrDefault(clean, clean);
                for (String part : fixed.split(" ")) {
                    words.add(part);
                }
            }
        }
        return words;
    }

    /** The text normalised, words separated by single spaces, with a space at each end so phrases match whole words. */
    String text(String text) {
        return " " + String.join(" ", words(text)) + " ";
    }

    static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        return MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT).replace('’', '\'');
    }
}
