package dev.switchboard.conversation;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.switchboard.sla.SlaSubjects;
import dev.switchboard.sla.SubjectFacts;
import dev.switchboard.sla.SubjectKind;
import dev.switchboard.sla.SubjectState;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Conversations as the SLA clocks see them: Chatwoot's snoozed pauses, resolved stops; a customer's message and a
 * person's public reply are marks (bots, templates and private notes are not). Keys are {@code <account>:<conversation>}.
 */
@Component
class ConversationSlaSubjects implements SlaSubjects {

    private static final String STATES = """
            SELECT c.account_id, c.conversation_id, coalesce(c.created_at, c.first_event_at) AS created_at, c.status,
                   CASE WHEN c.state_version > 0 THEN to_timestamp(c.state_version) END AS state_at, c.priority, c.inbox_id,
                   c.channel, c.labels, c.vip, c.intent
            FROM unnest(CAST(:accounts AS int8[]), CAST(:conversations AS int8[])) AS k(account, conversation)
            CROSS JOIN LATERAL (SELECT * FROM conversations WHERE account_id = k.account AND conversation_id = k.conversation) c
            """;
    /** A lateral look-up per conversation, here and above: an index range each, never a scan of every message. */
    private static final String MARKS = """
            SELECT k.account, k.conversation, m.sender_kind, m.created_at
            FROM unnest(CAST(:accounts AS int8[]), CAST(:conversations AS int8[])) AS k(account, conversation)
            CROSS JOIN LATERAL (SELECT sender_kind, created_at FROM conversation_messages
                                WHERE account_id = k.account AND conversation_id = k.conversation
                                  AND sender_kind IN ('CONTACT', 'AGENT')) m
            """;

    private final JdbcClient jdbc;

    ConversationSlaSubjects(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public SubjectKind kind() {
        return SubjectKind.CONVERSATION;
    }

    @Override
    public List<SubjectFacts> facts(Collection<String> keys) {
        List<Long> accounts = new ArrayList<>();
        List<Long> conversations = new ArrayList<>();
        for (String key : keys) {
            Conversations.ClockKey.parse(key).ifPresent(k -> {
                accounts.add(k.accountId());
                conversations.add(k.conversationId());
            });
        }
        if (accounts.isEmpty()) {
            return List.of();
        }
        Long[] a = accounts.toArray(Long[]::new);
        Long[] c = conversations.toArray(Long[]::new);
        Map<String, List<SubjectFacts.Mark>> marks = new HashMap<>();
        jdbc.sql(MARKS).param("accounts", new SqlArrayValue("int8", (Object[]) a))
                .param("conversations", new SqlArrayValue("int8", (Object[]) c))
                .query(rs -> {
                    marks.computeIfAbsent(new Conversations.ClockKey(rs.getLong(1), rs.getLong(2)).text(), k -> new ArrayList<>()).add(
                            new SubjectFacts.Mark(rs.getTimestamp(4).toInstant(), rs.getString(3).equals("CONTACT")));
                });
        return jdbc.sql(STATES).param("accounts", new SqlArrayValue("int8", (Object[]) a))
                .param("conversations", new SqlArrayValue("int8", (Object[]) c))
                .query((rs, n) -> {
                    String key = new Conversations.ClockKey(rs.getLong("account_id"), rs.getLong("conversation_id")).text();
                    Timestamp stateAt = rs.getTimestamp("state_at");
                    java.sql.Array labels = rs.getArray("labels");
                    long inbox = rs.getLong("inbox_id");
                    Long inboxId = rs.wasNull() ? null : inbox;
                    return new SubjectFacts(key, rs.getTimestamp("created_at").toInstant(), state(rs.getString("status")),
                            stateAt == null ? null : stateAt.toInstant(),
                            new SubjectFacts.Attributes(rs.getString("priority"), inboxId, rs.getString("channel"),
                                    labels == null ? List.of() : Arrays.asList((String[]) labels.getArray()), rs.getBoolean("vip"),
                                    rs.getString("intent"), null),
                            marks.getOrDefault(key, List.of()));
                }).list();
    }

    private static SubjectState state(String status) {
        return switch (ConversationStatus.valueOf(status)) {
            case OPEN, PENDING -> SubjectState.OPEN;
            case SNOOZED -> SubjectState.PAUSED;
            case RESOLVED -> SubjectState.RESOLVED;
        };
    }
}
