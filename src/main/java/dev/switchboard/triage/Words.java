package dev.switchboard.triage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A message's normalised words with where each stands, so that a rule (a word or a phrase of several) is
 * found by looking its first word up instead of scanning the text: the cost grows with the rules, not with
 * the length of the message.
 */
final class Words {

    private final List<String> words;
    private final Map<String, List<Integer>> positions = new HashMap<>();

    Words(List<String> words) {
        this.words = words;
        for (int i = 0; i < words.size(); i++) {
            positions.computeIfAbsent(words.get(i), w -> new ArrayList<>(2)).add(i);
        }
    }

    int size() {
        return words.size();
    }

    String get(int i) {
        return words.get(i);
    }

    /** Every place the phrase (its words, normalised) starts. */
    List<Integer> find(String[] phrase) {
        List<Integer> starts = positions.get(phrase[0]);
        if (starts == null) {
            return List.of();
        }
        if (phrase.length == 1) {
            return starts;
        }
        List<Integer> found = new ArrayList<>(1);
        outer:
        for (int start : starts) {
            if (start + phrase.length > words.size()) {
                continue;
            }
            for (int j = 1; j < phrase.length; j++) {
                if (!words.get(start + j).equals(phrase[j])) {
                    continue outer;
                }
            }
            found.add(start);
        }
        return found;
    }

    /** Whether the phrase starts anywhere from {@code from} up to (not including) {@code to}. */
    boolean startsBetween(String[] phrase, int from, int to) {
        for (int start : find(phrase)) {
            if (start >= from && start < to) {
                return true;
            }
        }
        return false;
    }
}
