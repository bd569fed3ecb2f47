package dev.switchboard.triage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.switchboard.chatwoot.ChatwootAction;
import dev.switchboard.chatwoot.ChatwootActions;
import dev.switchboard.chatwoot.ChatwootPriority;
import dev.switchboard.conversation.Conversations;
import dev.switchboard.conversation.CustomerMessageArrived;
import dev.switchboard.conversation.CustomerMessagesArrived;
import dev.switchboard.database.ArrayColumns;
import dev.switchboard.database.UuidV7;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Triage of new customer messages, a batch at a time, in the transaction that adds them to the model: each
 * classification with its evidence, the conversations' intent and flags, and the Chatwoot actions (labels, a
 * raised priority, a note with the reasons, a team) that follow from what is new on each conversation. All of
 * it commits with the messages or not at all, and a message is triaged once. A batch costs a few statements
 * whatever its size; actions, when Chatwoot is configured, one statement each.
 */
@Component
class TriageOnMessages {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String INSERT = """
            INSERT INTO triage_results (id, account_id, conversation_id, message_id, intent, score, confident, evidence, escalations,
                                        rules_version, created_at)
            SELECT r.id, r.account, r.conversation, r.message, r.intent, r.score, r.confident, CAST(r.evidence AS jsonb),
                   CAST(r.escalations AS jsonb), :version, :at
            FROM unnest(CAST(:ids AS uuid[]), CAST(:accounts AS int8[]), CAST(:conversations AS int8[]), CAST(:messages AS int8[]),
                        CAST(:intents AS text[]), CAST(:scores AS float8[]), CAST(:confident AS bool[]), CAST(:evidence AS text[]),
                        CAST(:escalations AS text[]))
                 AS r(id, account, conversation, message, intent, score, confident, evidence, escalations)
            ON CONFLICT (account_id, message_id) DO NOTHING
            RETURNING account_id, message_id
            """;
    private static final ArrayColumns<Classified> RESULT_COLUMNS = new ArrayColumns<Classified>()
            .column("ids", "uuid", UUID.class, Classified::id)
            .column("accounts", "int8", Long.class, c -> c.message().accountId())
            .column("conversations", "int8", Long.class, c -> c.message().conversationId())
            .column("messages", "int8", Long.class, c -> c.message().messageId())
            .column("intents", "text", String.class, c -> c.triage().intent())
            .column("scores", "float8", Double.class, c -> c.triage().score())
            .column("confident", "bool", Boolean.class, c -> c.triage().confident())
            .column("evidence", "text", String.class, c -> JSON.writeValueAsString(c.triage().evidence()))
            .column("escalations", "text", String.class, c -> JSON.writeValueAsString(c.triage().escalations()));
    /** What earlier messages of these conversations already led to: the labels and reasons asked for before. */
    private static final String EARLIER = """
            SELECT r.account_id, r.conversation_id, r.intent, r.confident, r.escalations::text AS escalations
            FROM triage_results r
            JOIN unnest(CAST(:accounts AS int8[]), CAST(:conversations AS int8[])) AS k(account, conversation)
              ON r.account_id = k.account AND r.conversation_id = k.conversation
            WHERE NOT (r.message_id = ANY (CAST(:messages AS int8[])))
            """;

    private final TriageRuleStore rules;
    private final Conversations conversations;
    private final ChatwootActions actions;
    private final NamedParameterJdbcTemplate jdbc;
    private final MeterRegistry meters;
    private final Clock clock;

    TriageOnMessages(TriageRuleStore rules, Conversations conversations, ChatwootActions actions, JdbcTemplate jdbc,
                     MeterRegistry meters, Clock clock) {
        this.rules = rules;
        this.conversations = conversations;
        this.actions = actions;
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
        this.meters = meters;
        this.clock = clock;
    }

    private record Classified(UUID id, CustomerMessageArrived message, TriageEngine.Triage triage) {
    }

    private record Key(long accountId, long conversationId) {
    }

    @EventListener
    void triage(CustomerMessagesArrived arrived) {
        TriageRuleStore.InForce inForce = rules.current();
        Instant now = clock.instant();
        Set<Conversations.Contact> contacts = new HashSet<>();
        arrived.messages().stream().filter(m -> m.contactId() != null)
                .forEach(m -> contacts.add(new Conversations.Contact(m.accountId(), m.contactId())));
        Map<Conversations.Contact, Long> recent = conversations.openedByContactsSince(contacts,
                now.minus(Duration.ofHours(inForce.engine().rules().escalation().repeat().hours())));
        List<Classified> classified = new ArrayList<>();
        for (CustomerMessageArrived message : arrived.messages()) {
            long opened = message.contactId() == null ? 1
                    : recent.getOrDefault(new Conversations.Contact(message.accountId(), message.contactId()), 1L);
            classified.add(new Classified(UuidV7.next(clock), message, inForce.engine().classify(new TriageEngine.Message(
                    message.content(), message.contactEmail(), attributes(message.contactAttributes()), opened))));
        }
        Set<List<Long>> recorded = new HashSet<>();
        jdbc.query(INSERT, RESULT_COLUMNS.bind(classified, new MapSqlParameterSource("version", inForce.version())
                .addValue("at", java.sql.Timestamp.from(now))), (rs, n) -> recorded.add(List.of(rs.getLong("account_id"), rs.getLong("message_id"))));
        List<Classified> fresh = classified.stream()
                .filter(c -> recorded.contains(List.of(c.message().accountId(), c.message().messageId()))).toList();
        if (fresh.isEmpty()) {
            return;
        }
        Map<Key, Conversations.Annotation> annotations = new LinkedHashMap<>();
        for (Classified c : fresh) {
            meters.counter("switchboard.triage.messages", "intent", c.triage().intent(), "escalated", Boolean.toString(c.triage().escalated()))
                    .increment();
            Key key = new Key(c.message().accountId(), c.message().conversationId());
            Conversations.Annotation held = annotations.get(key);
            String intent = c.triage().confident() ? c.triage().intent() : held == null ? null : held.intent();
            annotations.put(key, new Conversations.Annotation(key.accountId(), key.conversationId(), intent,
                    c.triage().escalated() || (held != null && held.escalated()), c.triage().vip() || (held != null && held.vip())));
        }
        conversations.annotate(List.copyOf(annotations.values()));
        if (actions.configured()) {
            act(fresh, annotations.keySet(), inForce.engine().rules().actions());
        }
    }

    /** Only what each message adds to what earlier messages already asked for: no label, note or priority twice. */
    private void act(List<Classified> fresh, Set<Key> conversationsInBatch, TriageRules.Actions settings) {
        Map<Key, Set<String>> labelsBefore = new HashMap<>();
        Map<Key, Set<String>> reasonsBefore = new HashMap<>();
        List<Key> keys = List.copyOf(conversationsInBatch);
        MapSqlParameterSource parameters = new ArrayColumns<Key>()
                .column("accounts", "int8", Long.class, Key::accountId)
                .column("conversations", "int8", Long.class, Key::conversationId)
                .bind(keys, new MapSqlParameterSource("messages", new org.springframework.jdbc.support.SqlArrayValue("int8",
                        fresh.stream().map(c -> c.message().messageId()).toArray())));
        jdbc.query(EARLIER, parameters, (rs, n) -> {
            Key key = new Key(rs.getLong("account_id"), rs.getLong("conversation_id"));
            List<String> reasons = new ArrayList<>();
            for (JsonNode escalation : JSON.readTree(rs.getString("escalations"))) {
                reasons.add(escalation.path("reason").asString());
            }
            remember(labelsBefore, reasonsBefore, key, rs.getBoolean("confident"), rs.getString("intent"), reasons);
            return null;
        });
        for (Classified c : fresh) {
            Key key = new Key(c.message().accountId(), c.message().conversationId());
            actOn(c, settings, labelsBefore.computeIfAbsent(key, k -> new LinkedHashSet<>()),
                    reasonsBefore.computeIfAbsent(key, k -> new LinkedHashSet<>()));
            remember(labelsBefore, reasonsBefore, key, c.triage().confident(), c.triage().intent(),
                    c.triage().escalations().stream().map(TriageEngine.Escalation::reason).toList());
        }
    }

    private static void remember(Map<Key, Set<String>> labels, Map<Key, Set<String>> reasons, Key key, boolean confident,
                                 String intent, List<String> escalations) {
        Set<String> labelSet = labels.computeIfAbsent(key, k -> new LinkedHashSet<>());
        Set<String> reasonSet = reasons.computeIfAbsent(key, k -> new LinkedHashSet<>());
        if (confident && !intent.equals("other")) {
            labelSet.add("intent-" + intent);
        }
        reasonSet.addAll(escalations);
        if (!reasonSet.isEmpty()) {
            labelSet.add("escalated");
        }
        if (reasonSet.contains("vip")) {
            labelSet.add("vip");
        }
    }

    private void actOn(Classified c, TriageRules.Actions settings, Set<String> labelsBefore, Set<String> reasonsBefore) {
        TriageEngine.Triage triage = c.triage();
        long account = c.message().accountId();
        long conversation = c.message().conversationId();
        String key = "triage:" + account + ":" + c.message().messageId() + ":";

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
        List<TriageEngine.Escalation> newReasons = triage.escalations().stream().filter(e -> !reasonsBefore.contains(e.reason())).toList();
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
            actions.enqueue(account, conversation, new ChatwootAction.PostNote(note.toString()), "triage " + reasons, "triage", key + "note");
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
        Map<String, String> values = new HashMap<>();
        if (json == null || json.isBlank() || json.equals("{}")) {
            return values;
        }
        JSON.readTree(json).properties().forEach(e -> values.put(e.getKey(),
                e.getValue().isValueNode() ? e.getValue().asString() : e.getValue().toString()));
        return values;
    }
}
