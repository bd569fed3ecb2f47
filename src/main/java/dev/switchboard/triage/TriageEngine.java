package dev.switchboard.triage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies one customer message by the rules: its intent with a score and the evidence, and the reasons
 * to escalate with theirs. Pure: it reads nothing and stores nothing, so the "try it" box, the benchmark and
 * the live triage give the same answer for the same message. Rules are normalised once, when compiled;
 * a message's words are looked up by position, so a long message costs little more than a short one.
 */
public final class TriageEngine {

    private static final int NEGATION_REACH = 3;
    private static final int DECLINE_REACH = 5;

    private final TriageRules rules;
    private final Normaliser normaliser;
    private final List<CompiledIntent> intents = new ArrayList<>();
    private final List<Phrase> negations;
    private final List<Phrase> declines;
    private final Map<Phrase, Double> anger = new LinkedHashMap<>();
    private final List<Phrase> human;
    private final List<Phrase> threats;
    private final List<Phrase> repeatPhrases;

    private TriageEngine(TriageRules rules) {
        this.rules = rules;
        this.normaliser = new Normaliser(rules.misspellings() == null ? Map.of() : rules.misspellings());
        for (TriageRules.Intent intent : rules.intents()) {
            List<CompiledPattern> patterns = new ArrayList<>();
            for (TriageRules.WeightedPattern p : list(intent.patterns())) {
                patterns.add(new CompiledPattern(p.regex(), Pattern.compile(p.regex()), p.weight()));
            }
            intents.add(new CompiledIntent(intent.name(), phrases(intent.keywords()), phrases(intent.phrases()), patterns));
        }
        TriageRules.Escalation escalation = rules.escalation();
        this.negations = phrases(escalation.negations());
        this.declines = phrases(rules.declines());
        (escalation.anger() == null ? Map.<String, Double>of() : escalation.anger()).forEach((word, weight) -> {
            Phrase phrase = phrase(word);
            if (phrase.words().length > 0) {
                anger.merge(phrase, weight, Math::max);
            }
        });
        this.human = phrases(escalation.human());
        this.threats = phrases(escalation.threats());
        this.repeatPhrases = phrases(escalation.repeatPhrases());
    }

    public static TriageEngine of(TriageRules rules) {
        rules.validate();
        return new TriageEngine(rules);
    }

    public TriageRules rules() {
        return rules;
    }

    /**
     * @param contactAttributes the contact's custom attributes (values as text)
     * @param recentConversations conversations the contact opened within the rules' repeat window, this one included
     */
    public record Message(String text, String contactEmail, Map<String, String> contactAttributes, long recentConversations) {
        public static Message of(String text) {
            return new Message(text, null, Map.of(), 1);
        }
    }

    /** One intent's score and why. */
    public record Score(String intent, double score, List<String> evidence) {
    }

    /** @param reason angry, vip, repeat-contact, human-requested or threat */
    public record Escalation(String reason, String evidence) {
    }

    /**
     * @param intent    the best-scoring intent, or {@code other} when none reached the minimum
     * @param confident whether the intent reached the rules' minimum score
     * @param scores    every intent that matched anything, best first
     */
    public record Triage(String intent, double score, boolean confident, List<String> evidence, List<Escalation> escalations,
                         List<Score> scores) {
        public boolean escalated() {
            return !escalations.isEmpty();
        }

        public boolean vip() {
            return escalations.stream().anyMatch(e -> e.reason().equals("vip"));
        }
    }

    public Triage classify(Message message) {
        String text = message.text() == null ? "" : message.text();
        List<String> normalised = normaliser.words(text);
        Words words = new Words(normalised);
        String normal = null;
        List<Score> scores = new ArrayList<>();
        for (CompiledIntent intent : intents) {
            double score = 0;
            List<String> evidence = new ArrayList<>();
            // a word the customer says they do not want ("I don't want to cancel") is no evidence for it
            for (Phrase keyword : intent.keywords()) {
                if (foundAndNot(words, keyword, declines, DECLINE_REACH)) {
                    score += 1;
                    evidence.add("keyword \"" + keyword.text() + "\"");
                }
            }
            for (Phrase phrase : intent.phrases()) {
                if (foundAndNot(words, phrase, declines, DECLINE_REACH)) {
                    score += 2;
                    evidence.add("phrase \"" + phrase.text() + "\"");
                }
            }
            for (CompiledPattern pattern : intent.patterns()) {
                if (normal == null) {
                    normal = " " + String.join(" ", normalised) + " ";
                }
                Matcher m = pattern.pattern().matcher(normal);
                if (m.find()) {
                    score += pattern.weight();
                    evidence.add("pattern /" + pattern.regex() + "/ matched \"" + m.group().strip() + "\"");
                }
            }
            if (score > 0) {
                scores.add(new Score(intent.name(), score, evidence));
            }
        }
        // stable: on a tie the earlier intent (the rules' order) stays first
        scores.sort(Comparator.comparingDouble(Score::score).reversed());
        Score best = scores.isEmpty() ? null : scores.getFirst();
        boolean confident = best != null && best.score() >= rules.minimumScore();
        return new Triage(confident ? best.intent() : "other", best == null ? 0 : best.score(), confident,
                best == null ? List.of() : best.evidence(), escalations(text, words, message), scores);
    }

    private List<Escalation> escalations(String text, Words words, Message message) {
        TriageRules.Escalation rules = this.rules.escalation();
        List<Escalation> found = new ArrayList<>();
        anger(text, words, rules).ifPresent(found::add);
        firstUnnegated(words, human).ifPresent(p -> found.add(new Escalation("human-requested", "asks for \"" + p + "\"")));
        firstUnnegated(words, threats).ifPresent(p -> found.add(new Escalation("threat", "mentions \"" + p + "\"")));
        List<String> repeat = new ArrayList<>();
        if (rules.repeat() != null && message.recentConversations() >= rules.repeat().conversations()) {
            repeat.add(message.recentConversations() + " conversations opened in " + rules.repeat().hours() + " h");
        }
        firstUnnegated(words, repeatPhrases).ifPresent(p -> repeat.add("says \"" + p + "\""));
        if (!repeat.isEmpty()) {
            found.add(new Escalation("repeat-contact", String.join("; ", repeat)));
        }
        vip(message, rules.vip()).ifPresent(found::add);
        return found;
    }

    private Optional<Escalation> anger(String text, Words words, TriageRules.Escalation rules) {
        double score = 0;
        List<String> evidence = new ArrayList<>();
        for (Map.Entry<Phrase, Double> entry : anger.entrySet()) {
            if (notNegated(words, entry.getKey())) {
                score += entry.getValue();
                evidence.add("\"" + entry.getKey().text() + "\"");
            }
        }
        int letters = 0;
        int capitals = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                if (Character.isUpperCase(c)) {
                    capitals++;
                }
            }
        }
        if (letters >= 12 && capitals >= letters * 0.6) {
            score += 2;
            evidence.add("written in capitals");
        }
        String shouted = shoutedPunctuation(text);
        if (shouted != null) {
            score += 1;
            evidence.add("\"" + shouted + "\"");
        }
        return score >= rules.angerAt() ? Optional.of(new Escalation("angry", "score " + format(score) + ": " + String.join(", ", evidence)))
                : Optional.empty();
    }

    /** The first run of three or more of "!?", or of two or more "!" ("!!!", "?!?", "!!"); null when none. */
    private static String shoutedPunctuation(String text) {
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            if (c == '!' || c == '?') {
                if (start < 0) {
                    start = i;
                }
                continue;
            }
            if (start >= 0) {
                String run = text.substring(start, i);
                if (run.length() >= 3 || (run.length() == 2 && run.equals("!!"))) {
                    return run;
                }
                start = -1;
            }
        }
        return null;
    }

    private Optional<String> firstUnnegated(Words words, List<Phrase> phrases) {
        for (Phrase phrase : phrases) {
            if (notNegated(words, phrase)) {
                return Optional.of(phrase.text());
            }
        }
        return Optional.empty();
    }

    /** Found somewhere without a negation up to three words before ("not angry") or a decline up to five ("not going to sue"). */
    private boolean notNegated(Words words, Phrase phrase) {
        for (int at : words.find(phrase.words())) {
            if (!preceded(words, at, negations, NEGATION_REACH) && !preceded(words, at, declines, DECLINE_REACH)) {
                return true;
            }
        }
        return false;
    }

    private static boolean foundAndNot(Words words, Phrase phrase, List<Phrase> before, int reach) {
        for (int at : words.find(phrase.words())) {
            if (!preceded(words, at, before, reach)) {
                return true;
            }
        }
        return false;
    }

    /** Whether one of the words or phrases starts within {@code reach} words before the match. */
    private static boolean preceded(Words words, int at, List<Phrase> candidates, int reach) {
        if (at == 0) {
            return false;
        }
        for (Phrase candidate : candidates) {
            if (words.startsBetween(candidate.words(), Math.max(0, at - reach), at)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Escalation> vip(Message message, TriageRules.Vip vip) {
        if (vip == null) {
            return Optional.empty();
        }
        if (vip.attribute() != null && message.contactAttributes() != null) {
            String value = message.contactAttributes().get(vip.attribute());
            if (value != null && list(vip.values()).stream().anyMatch(v -> v.equalsIgnoreCase(value.strip()))) {
                return Optional.of(new Escalation("vip", "contact attribute " + vip.attribute() + " = " + value));
            }
        }
        String email = message.contactEmail() == null ? null : message.contactEmail().strip().toLowerCase(Locale.ROOT);
        if (email != null && list(vip.contacts()).stream().anyMatch(c -> c.equalsIgnoreCase(email))) {
            return Optional.of(new Escalation("vip", "contact " + email + " is on the VIP list"));
        }
        if (email != null && email.contains("@")) {
            String domain = email.substring(email.indexOf('@') + 1);
            if (list(vip.domains()).stream().anyMatch(d -> d.equalsIgnoreCase(domain))) {
                return Optional.of(new Escalation("vip", "email domain " + domain + " is a VIP domain"));
            }
        }
        return Optional.empty();
    }

    private List<Phrase> phrases(List<String> raw) {
        return list(raw).stream().map(this::phrase).filter(p -> p.words().length > 0).toList();
    }

    private Phrase phrase(String raw) {
        List<String> words = normaliser.words(raw);
        return new Phrase(String.join(" ", words), words.toArray(String[]::new));
    }

    private static String format(double score) {
        return score == Math.floor(score) ? Long.toString((long) score) : String.format(Locale.ROOT, "%.1f", score);
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** A rule's words, normalised like the messages'. */
    private record Phrase(String text, String[] words) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Phrase p && p.text.equals(text);
        }

        @Override
        public int hashCode() {
            return text.hashCode();
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private record CompiledIntent(String name, List<Phrase> keywords, List<Phrase> phrases, List<CompiledPattern> patterns) {
    }

    private record CompiledPattern(String regex, Pattern pattern, double weight) {
    }
}
