package dev.switchboard.triage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies one customer message by the rules: its intent with a score and the evidence, and the reasons
 * to escalate with theirs. Pure: it reads nothing and stores nothing, so the "try it" box, the benchmark and
 * the live triage give the same answer for the same message.
 */
public final class TriageEngine {

    private static final Pattern SHOUTING_PUNCTUATION = Pattern.compile("[!?]{3,}|!{2,}");
    private static final int NEGATION_REACH = 3;
    private static final int DECLINE_REACH = 5;

    private final TriageRules rules;
    private final Normaliser normaliser;
    private final List<CompiledIntent> intents = new ArrayList<>();
    private final List<String> negations;
    private final List<String> declines;
    private final Map<String, Double> anger = new LinkedHashMap<>();
    private final List<String> human;
    private final List<String> threats;
    private final List<String> repeatPhrases;

    private TriageEngine(TriageRules rules) {
        this.rules = rules;
        this.normaliser = new Normaliser(rules.misspellings() == null ? Map.of() : rules.misspellings());
        for (TriageRules.Intent intent : rules.intents()) {
            List<CompiledPattern> patterns = new ArrayList<>();
            for (TriageRules.WeightedPattern p : list(intent.patterns())) {
                patterns.add(new CompiledPattern(p.regex(), Pattern.compile(p.regex()), p.weight()));
            }
            intents.add(new CompiledIntent(intent.name(), list(intent.keywords()).stream().map(this::phrase).toList(),
                    list(intent.phrases()).stream().map(this::phrase).toList(), patterns));
        }
        this.negations = list(rules.escalation().negations()).stream().map(this::phrase).toList();
        this.declines = list(rules.declines()).stream().map(this::phrase).toList();
        (rules.escalation().anger() == null ? Map.<String, Double>of() : rules.escalation().anger())
                .forEach((k, v) -> anger.merge(phrase(k), v, Math::max));
        this.human = list(rules.escalation().human()).stream().map(this::phrase).toList();
        this.threats = list(rules.escalation().threats()).stream().map(this::phrase).toList();
        this.repeatPhrases = list(rules.escalation().repeatPhrases()).stream().map(this::phrase).toList();
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
        List<String> words = normaliser.words(text);
        String normal = " " + String.join(" ", words) + " ";
        List<Score> scores = new ArrayList<>();
        for (CompiledIntent intent : intents) {
            double score = 0;
            List<String> evidence = new ArrayList<>();
            // a word the customer says they do not want ("I don't want to cancel") is no evidence for it
            for (String keyword : intent.keywords()) {
                if (normal.contains(" " + keyword + " ") && !preceded(words, indexOf(words, keyword), declines, DECLINE_REACH)) {
                    score += 1;
                    evidence.add("keyword \"" + keyword + "\"");
                }
            }
            for (String phrase : intent.phrases()) {
                if (normal.contains(" " + phrase + " ") && !preceded(words, indexOf(words, phrase), declines, DECLINE_REACH)) {
                    score += 2;
                    evidence.add("phrase \"" + phrase + "\"");
                }
            }
            for (CompiledPattern pattern : intent.patterns()) {
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
                best == null ? List.of() : best.evidence(), escalations(text, words, normal, message), scores);
    }

    private List<Escalation> escalations(String text, List<String> words, String normal, Message message) {
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

    private java.util.Optional<Escalation> anger(String text, List<String> words, TriageRules.Escalation rules) {
        double score = 0;
        List<String> evidence = new ArrayList<>();
        for (Map.Entry<String, Double> entry : anger.entrySet()) {
            int at = indexOf(words, entry.getKey());
            if (at >= 0 && !negated(words, at)) {
                score += entry.getValue();
                evidence.add("\"" + entry.getKey() + "\"");
            }
        }
        long letters = text.codePoints().filter(Character::isLetter).count();
        long capitals = text.codePoints().filter(Character::isUpperCase).count();
        if (letters >= 12 && capitals >= letters * 0.6) {
            score += 2;
            evidence.add("written in capitals");
        }
        Matcher punctuation = SHOUTING_PUNCTUATION.matcher(text);
        if (punctuation.find()) {
            score += 1;
            evidence.add("\"" + punctuation.group() + "\"");
        }
        return score >= rules.angerAt() ? java.util.Optional.of(new Escalation("angry",
                "score " + format(score) + ": " + String.join(", ", evidence))) : java.util.Optional.empty();
    }

    private java.util.Optional<String> firstUnnegated(List<String> words, List<String> phrases) {
        for (String phrase : phrases) {
            int at = indexOf(words, phrase);
            if (at >= 0 && !negated(words, at)) {
                return java.util.Optional.of(phrase);
            }
        }
        return java.util.Optional.empty();
    }

    private static java.util.Optional<Escalation> vip(Message message, TriageRules.Vip vip) {
        if (vip == null) {
            return java.util.Optional.empty();
        }
        if (vip.attribute() != null && message.contactAttributes() != null) {
            String value = message.contactAttributes().get(vip.attribute());
            if (value != null && list(vip.values()).stream().anyMatch(v -> v.equalsIgnoreCase(value.strip()))) {
                return java.util.Optional.of(new Escalation("vip", "contact attribute " + vip.attribute() + " = " + value));
            }
        }
        String email = message.contactEmail() == null ? null : message.contactEmail().strip().toLowerCase(Locale.ROOT);
        if (email != null && list(vip.contacts()).stream().anyMatch(c -> c.equalsIgnoreCase(email))) {
            return java.util.Optional.of(new Escalation("vip", "contact " + email + " is on the VIP list"));
        }
        if (email != null && email.contains("@")) {
            String domain = email.substring(email.indexOf('@') + 1);
            if (list(vip.domains()).stream().anyMatch(d -> d.equalsIgnoreCase(domain))) {
                return java.util.Optional.of(new Escalation("vip", "email domain " + domain + " is a VIP domain"));
            }
        }
        return java.util.Optional.empty();
    }

    /** Whether a negation stands up to three words before the match ("not angry"), or a decline up to five ("not going to do a chargeback"). */
    private boolean negated(List<String> words, int at) {
        return preceded(words, at, negations, NEGATION_REACH) || preceded(words, at, declines, DECLINE_REACH);
    }

    /** Whether one of the words or phrases stands within {@code reach} words before the match. */
    private static boolean preceded(List<String> words, int at, List<String> negations, int reach) {
        for (int i = Math.max(0, at - reach); i < at; i++) {
            for (String negation : negations) {
                if (!negation.contains(" ") && words.get(i).equals(negation)) {
                    return true;
                }
                if (negation.contains(" ") && indexOf(words.subList(i, at), negation) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Where the phrase (words separated by spaces) starts in the words; -1 when it does not occur. */
    private static int indexOf(List<String> words, String phrase) {
        String[] parts = phrase.split(" ");
        outer:
        for (int i = 0; i + parts.length <= words.size(); i++) {
            for (int j = 0; j < parts.length; j++) {
                if (!words.get(i + j).equals(parts[j])) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private String phrase(String raw) {
        return String.join(" ", normaliser.words(raw));
    }

    private static String format(double score) {
        return score == Math.floor(score) ? Long.toString((long) score) : String.format(Locale.ROOT, "%.1f", score);
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }

    private record CompiledIntent(String name, List<String> keywords, List<String> phrases, List<CompiledPattern> patterns) {
    }

    private record CompiledPattern(String regex, Pattern pattern, double weight) {
    }
}
