package dev.switchboard.triage;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Text as the rules compare it: lower case, accents gone ("reembolsó" and "reembolso" match alike), common
 * misspellings replaced word by word, punctuation and hyphens turned into spaces. Rules' own words go
 * through the same steps, so a rule is written once for every spelling. One pass over the text; only the
 * letters beyond ASCII are decomposed, one at a time.
 */
final class Normaliser {

    private final Map<String, String> misspellings;

    Normaliser(Map<String, String> misspellings) {
        this.misspellings = Map.copyOf(misspellings.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(e -> fold(e.getKey()), e -> fold(e.getValue()), (a, b) -> a)));
    }

    /** The words of the text, normalised. */
    List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder(16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 128) {
                if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                    word.append(c);
                } else if (c >= 'A' && c <= 'Z') {
                    word.append((char) (c + 32));
                } else if ((c == '\'' || c == '#') && !word.isEmpty()) {
                    word.append(c);
                } else {
                    end(word, words);
                }
            } else if (c == '’') {
                if (!word.isEmpty()) {
                    word.append('\'');
                }
            } else if (Character.isLetterOrDigit(c)) {
                appendFolded(c, word);
            } else if (Character.getType(c) != Character.NON_SPACING_MARK) {
                end(word, words);
            }
        }
        end(word, words);
        return words;
    }

    private void end(StringBuilder word, List<String> words) {
        int length = word.length();
        while (length > 0 && (word.charAt(length - 1) == '\'' || word.charAt(length - 1) == '#')) {
            length--;
        }
        if (length > 0) {
            String clean = word.substring(0, length);
            String fixed = misspellings.getOrDefault(clean, clean);
            if (fixed.indexOf(' ') < 0) {
                words.add(fixed);
            } else {
                words.addAll(List.of(fixed.split(" ")));
            }
        }
        word.setLength(0);
    }

    /** A letter beyond ASCII, lower case and without its accents ("Ó" is "o", "ß" stays "ß"). */
    private static void appendFolded(char c, StringBuilder word) {
        String decomposed = Normalizer.normalize(String.valueOf(Character.toLowerCase(c)), Normalizer.Form.NFD);
        for (int i = 0; i < decomposed.length(); i++) {
            char d = decomposed.charAt(i);
            if (Character.getType(d) != Character.NON_SPACING_MARK) {
                word.append(d);
            }
        }
    }

    /** A rule's text normalised, words joined by single spaces. */
    static String fold(String text) {
        return String.join(" ", new Normaliser(Map.of()).words(text));
    }
}
