package dev.switchboard.triage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.switchboard.refusal.Invalid;

/**
 * The triage rules, as ADMINs edit them (JSON). Intents are tried in order; each match adds to an intent's
 * score (a keyword 1, a phrase 2, a pattern its weight), and the best score at or above
 * {@code minimumScore} wins, the earlier intent on a tie. Escalation has its own lists.
 *
 * @param intents      the intents, in order
 * @param minimumScore the score an intent needs to be confident
 * @param misspellings words replaced before matching ({@code "refnd": "refund"})
 * @param declines     words saying the customer does not want something ("don't want", "no need"): an intent's
 *                     keyword or phrase up to five words after one is no evidence for that intent, nor a reason to escalate
 * @param escalation   when a conversation needs a person's attention
 * @param actions      what triage does in Chatwoot
 */
public record TriageRules(List<Intent> intents, double minimumScore, Map<String, String> misspellings, List<String> declines,
                          Escalation escalation, Actions actions) {

    /**
     * @param name     the intent's name ({@code refund}); its label in Chatwoot is {@code intent-<name>}
     * @param keywords single words
     * @param phrases  several words in a row
     * @param patterns regular expressions over the normalised text (lower case, no accents)
     */
    public record Intent(String name, List<String> keywords, List<String> phrases, List<WeightedPattern> patterns) {
    }

    public record WeightedPattern(String regex, double weight) {
    }

    /**
     * @param anger         words of anger or abuse with their weight
     * @param angerAt       the anger score that escalates
     * @param negations     words that, up to three words before, turn a match around ("not angry")
     * @param human         asks for a person or a manager
     * @param threats       chargebacks, legal action, complaints to an authority
     * @param repeatPhrases the customer saying they wrote before
     * @param repeat        how many conversations in how many hours make a repeated contact
     * @param vip           who is a VIP
     */
    public record Escalation(Map<String, Double> anger, double angerAt, List<String> negations, List<String> human,
                             List<String> threats, List<String> repeatPhrases, Repeat repeat, Vip vip) {
    }

    public record Repeat(int conversations, int hours) {
    }

    /**
     * @param attribute the contact custom attribute that marks a VIP ({@code vip})
     * @param values    the attribute's values that do ({@code true}, {@code gold})
     * @param domains   email domains whose people are VIPs
     * @param contacts  contacts who are VIPs, by email address
     */
    public record Vip(String attribute, List<String> values, List<String> domains, List<String> contacts) {
    }

    /**
     * @param labels            add {@code intent-…}, {@code escalated} and {@code vip} to Chatwoot's labels
     * @param escalatedPriority the priority an escalated conversation is raised to (low, medium, high, urgent; none: leave it)
     * @param note              post a private note listing the reasons when a conversation is escalated
     * @param escalationTeamId  the Chatwoot team an escalated conversation is assigned to (none: leave it)
     */
    public record Actions(boolean labels, String escalatedPriority, boolean note, Long escalationTeamId) {
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
            .enable(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** Rules as JSON; a document that does not read as rules is refused with where it went wrong. */
    public static TriageRules read(String json) {
        try {
            return JSON.readValue(json, TriageRules.class);
        } catch (tools.jackson.core.JacksonException e) {
            throw Invalid.field("rules", "not triage rules: " + e.getOriginalMessage());
        }
    }

    public String toJson() {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
    }

    /** The rules Switchboard starts with: e-commerce support in English, Spanish, German, French and Portuguese. */
    public static TriageRules defaults() {
        try (java.io.InputStream in = TriageRules.class.getResourceAsStream("/triage/default-rules.json")) {
            return read(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every problem at once, with where it is, so a person fixes them in one go. */
    public void validate() {
        List<Invalid.FieldProblem> problems = new ArrayList<>();
        if (intents == null || intents.isEmpty()) {
            problems.add(new Invalid.FieldProblem("intents", "at least one intent is needed"));
        } else {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < intents.size(); i++) {
                Intent intent = intents.get(i);
                String at = "intents[" + i + "]";
                if (intent == null || intent.name() == null || !intent.name().matches("[a-z][a-z0-9-]{0,39}")) {
                    problems.add(new Invalid.FieldProblem(at + ".name", "a name of lower-case letters, digits and dashes, up to 40"));
                    continue;
                }
                if (!names.add(intent.name())) {
                    problems.add(new Invalid.FieldProblem(at + ".name", "\"" + intent.name() + "\" is named twice"));
                }
                if (size(intent.keywords()) + size(intent.phrases()) + size(intent.patterns()) == 0 && !intent.name().equals("other")) {
                    problems.add(new Invalid.FieldProblem(at, "\"" + intent.name() + "\" has no keyword, phrase or pattern"));
                }
                List<WeightedPattern> patterns = intent.patterns() == null ? List.of() : intent.patterns();
                for (int p = 0; p < patterns.size(); p++) {
                    WeightedPattern pattern = patterns.get(p);
                    String where = at + ".patterns[" + p + "]";
                    if (pattern == null || pattern.regex() == null) {
                        problems.add(new Invalid.FieldProblem(where, "a pattern needs a regex"));
                        continue;
                    }
                    try {
                        Pattern.compile(pattern.regex());
                    } catch (PatternSyntaxException e) {
                        problems.add(new Invalid.FieldProblem(where + ".regex", "not a regular expression: " + e.getDescription()));
                    }
                    if (pattern.weight() <= 0 || pattern.weight() > 10) {
                        problems.add(new Invalid.FieldProblem(where + ".weight", "a weight above 0, up to 10"));
                    }
                }
            }
        }
        if (minimumScore <= 0 || minimumScore > 100) {
            problems.add(new Invalid.FieldProblem("minimumScore", "above 0, up to 100"));
        }
        if (escalation == null) {
            problems.add(new Invalid.FieldProblem("escalation", "is required"));
        } else {
            if (escalation.angerAt() <= 0) {
                problems.add(new Invalid.FieldProblem("escalation.angerAt", "above 0"));
            }
            if (escalation.anger() != null && escalation.anger().values().stream().anyMatch(w -> w == null || w <= 0 || w > 10)) {
                problems.add(new Invalid.FieldProblem("escalation.anger", "every weight above 0, up to 10"));
            }
            if (escalation.repeat() == null || escalation.repeat().conversations() < 2 || escalation.repeat().hours() < 1
                    || escalation.repeat().hours() > 24 * 90) {
                problems.add(new Invalid.FieldProblem("escalation.repeat", "conversations 2 or more, hours from 1 to 2160"));
            }
        }
        if (actions == null) {
            problems.add(new Invalid.FieldProblem("actions", "is required"));
        } else if (actions.escalatedPriority() != null && !List.of("none", "low", "medium", "high", "urgent")
                .contains(actions.escalatedPriority())) {
            problems.add(new Invalid.FieldProblem("actions.escalatedPriority", "one of none, low, medium, high, urgent"));
        }
        if (!problems.isEmpty()) {
            throw new Invalid("The triage rules have " + problems.size() + " problem"
                    + (problems.size() == 1 ? "" : "s") + ": nothing was saved.", problems);
        }
    }

    private static int size(List<?> list) {
        return list == null ? 0 : list.size();
    }
}
