package dev.switchboard.triage;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.switchboard.chatwoot.ChatwootAction;
import dev.switchboard.chatwoot.ChatwootActions;
import dev.switchboard.chatwoot.ChatwootPriority;
import dev.switchboard.conversation.Conversations;
import dev.switchboard.conversation.CustomerMessageArrived;
import dev.switchboard.database.UuidV7;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Triage of each new customer message, in the transaction that adds the message to the model: the
 * classification with its evidence, the conversation's intent and flags, and the Chatwoot actions (labels,
 * a raised priority, a note with the reasons, a team) that follow from what is new on this conversation.
 * All of it commits with the message or not at all, and a message is triaged once.
 */
@Component
class TriageOnMessages {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String INSERT = """
            INSERT INTO triage_results (id, account_id, conversation_id, message_id, intent, score, confident, evidence, escalations,
                                        rules_version, created_at)
            VALUES (:id, :account, :conversation, :message, :intent, :score, :confident, CAST(:evidence AS jsonb),
                    CAST(:escalations AS jsonb), :version, :at)
            ON CONFLICT (account_id, message_id) DO NOTHING
            """;
    /** What earlier messages of the conversation already led to: the labels and reasons asked for before. */
    private static final String EARLIER = """
            SELECT intent, confident, escalations::text AS escalations FROM triage_results
            WHERE account_id = :account AND conversation_id = :conversation AND message_id <> :message
            """;

    private final TriageRuleStore rules;
    private final Conversations conversations;
    private final ChatwootActions actions;
    private final JdbcClient jdbc;
    private final MeterRegistry meters;
    private final Clock clock;

    TriageOnMessages(TriageRuleStore rules, Conversations conversations, ChatwootActions actions, JdbcClient jdbc,
                     MeterRegistry meters, Clock clock) {
        this.rules = rules;
        this.conversations = conversations;
        this.actions = actions;
        this.jdbc = jdbc;
        this.meters = meters;
        this.clock = clock;
    }

    @EventListener
    void triage(CustomerMessageArrived message) {
        TriageRuleStore.InForce inForce = rules.current();
        TriageRules.Repeat repeat = inForce.engine().rules().escalation().repeat();
        long recent = message.contactId() == null ? 1
                : conversations.openedByContactSince(message.accountId(), message.contactId(), clock.instant().minus(Duration.ofHours(repeat.hours())));
        TriageEngine.Triage triage = inForce.engine().classify(new TriageEngine.Message(message.content(), message.contactEmail(),
                attributes(message.contactAttributes()), recent));
        boolean recorded = jdbc.sql(INSERT).param("id", UuidV7.next(clock)).param("account", message.accountId())
                .param("conversation", message.conversationId()).param("message", message.messageId()).param("intent", triage.intent())
                .param("score", triage.score()).param("confident", triage.confident())
                .param("evidence", JSON.writeValueAsString(triage.evidence()))
                .param("escalations", JSON.writeValueAsString(triage.escalations())).param("version", inForce.version())
                .param("at", Timestamp.from(clock.instant())).update() == 1;
        if (!recorded) {
            return;
        }
        meters.counter("switchboard.triage.messages", "intent", triage.intent(), "escalated", Boolean.toString(triage.escalated()))
                .increment();
        conversations.annotate(message.accountId(), message.conversationId(), triage.confident() ? triage.intent() : null,
                triage.escalated(), triage.vip());
        act(message, triage, inForce.engine().rules().actions());
    }

    /** Only what this message adds to what earlier messages already asked for: no label, note or priority twice. */
    private void act(CustomerMessageArrived message, TriageEngine.Triage triage, TriageRules.Actions settings) {
        Set<String> labelsBefore = new LinkedHashSet<>();
        Set<String> reasonsBefore = new LinkedHashSet<>();
        jdbc.sql(EARLIER).param("account", message.accountId()).param("conversation", message.conversationId())
                .param("message", message.messageId()).query((rs, n) -> {
                    if (rs.getBoolean("confident") && !rs.getString("intent").equals("other")) {
                        labelsBefore.add("intent-" + rs.getString("intent"));
                    }
                    for (JsonNode escalation : JSON.readTree(rs.getString("escalations"))) {
                        reasonsBefore.add(escalation.path("reason").asString());
                    }
                    return null;
                }).list();
        if (!reasonsBefore.isEmpty()) {
            labelsBefore.add("escalated");
        }
        if (reasonsBefore.contains("vip")) {
            labelsBefore.add("vip");
        }
        long account = message.accountId();
        long conversation = message.conversationId();
        String key = "triage:" + account + ":" + message.messageId() + ":";

        List<String> labels = new ArrayList<>();
        if (triage.confident() && !triage.intent().equals("other")) {
            labels.add("intent-" + triage.intent());
        }
        if (triage.escalated()) {
            labels.add("escalated");
        }
        if (triage.vip()) {
            labels.add("vip");
        }
        labels.removeAll(labelsBefore);
        if (settings.labels() && !labels.isEmpty()) {
            actions.enqueue(account, conversation, new ChatwootAction.AddLabels(labels), "triage: " + why(triage), "triage", key + "labels");
        }
        List<TriageEngine.Escalation> newReasons = triage.escalations().stream()
                .filter(e -> !reasonsBefore.contains(e.reason())).toList();
        if (newReasons.isEmpty()) {
            return;
        }
        boolean firstEscalation = reasonsBefore.isEmpty();
        String reasons = "escalated: " + String.join("; ", newReasons.stream().map(e -> e.reason() + " (" + e.evidence() + ")").toList());
        if (firstEscalation && settings.escalatedPriority() != null && !settings.escalatedPriority().equals("none")) {
            ChatwootPriority.of(settings.escalatedPriority()).ifPresent(priority -> actions.enqueue(account, conversation,
                    new ChatwootAction.RaisePriority(priority), "triage " + reasons, "triage", key + "priority"));
        }
        if (settings.note()) {
            StringBuilder note = new StringBuilder("Switchboard triage escalated this conversation:");
            newReasons.forEach(e -> note.append("\n- ").append(e.reason()).append(": ").append(e.evidence()));
            actions.enqueue(account, conversation, new ChatwootAction.PostNote(note.toString()), "triage " + reasons, "triage",
                    key + "note");
        }
        if (firstEscalation && settings.escalationTeamId() != null) {
            actions.enqueue(account, conversation, new ChatwootAction.Assign(null, settings.escalationTeamId()), "triage " + reasons,
                    "triage", key + "team");
        }
    }

    private static String why(TriageEngine.Triage triage) {
        List<String> parts = new ArrayList<>();
        if (triage.confident()) {
            parts.add("intent " + triage.intent() + " (score " + triage.score() + ": " + String.join(", ", triage.evidence()) + ")");
        }
        triage.escalations().forEach(e -> parts.add(e.reason() + " (" + e.evidence() + ")"));
        return String.join("; ", parts);
    }

    private static Map<String, String> attributes(String json) {
        Map<String, String> values = new java.util.HashMap<>();
        if (json == null || json.isBlank()) {
            return values;
        }
        JSON.readTree(json).properties().forEach(e -> values.put(e.getKey(),
                e.getValue().isValueNode() ? e.getValue().asString() : e.getValue().toString()));
        return values;
    }
}
