package dev.switchboard.conversation;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads of the model for the API, the pages and the features built on it. */
@Component
class ConversationQueries {

    private static final String COLUMNS = """
            SELECT account_id, conversation_id, inbox_id, inbox_name, channel, status, priority, labels, assignee_id, assignee_name,
                   assignee_type, team_id, team_name, contact_id, contact_name, contact_email, contact_phone,
                   contact_attributes::text AS contact_attributes, created_at, waiting_since, first_reply_at, snoozed_until,
                   last_activity_at, contact_messages, agent_messages, bot_messages, notes, last_customer_message_at,
                   first_human_reply_at, last_human_reply_at, intent, escalated, vip, first_event_at, last_event_at,
                   s.next_due_at AS sla_due_at
            FROM conversations
            LEFT JOIN sla_subject_due s ON s.subject_kind = 'CONVERSATION' AND s.subject_key = account_id || ':' || conversation_id
            """;
    /** SLA risk is the most urgent due instant of a conversation's running clocks, as the SLA module publishes it. */
    private static final String LIST = COLUMNS + """
            WHERE (CAST(:status AS text) IS NULL OR status = :status)
              AND (CAST(:intent AS text) IS NULL OR intent = :intent)
              AND (CAST(:escalated AS boolean) IS NULL OR escalated = :escalated)
              AND (CAST(:vip AS boolean) IS NULL OR vip = :vip)
              AND (CAST(:inbox AS int8) IS NULL OR inbox_id = :inbox)
              AND (CAST(:assignee AS int8) IS NULL OR assignee_id = :assignee)
              AND (NOT :unassigned OR assignee_id IS NULL)
            ORDER BY
              CASE WHEN :sort = 'SLA' THEN s.next_due_at END ASC NULLS LAST,
              CASE WHEN :sort = 'WAITING' THEN waiting_since END ASC NULLS LAST,
              CASE WHEN :sort = 'RECENT' THEN last_activity_at END DESC NULLS LAST,
              account_id, conversation_id DESC
            LIMIT :limit OFFSET :offset
            """;
    private static final String ONE = COLUMNS + " WHERE account_id = :account AND conversation_id = :conversation";
    private static final String MESSAGES = """
            SELECT message_id, sender_kind, sender_name, content, deleted, created_at FROM conversation_messages
            WHERE account_id = :account AND conversation_id = :conversation ORDER BY created_at DESC, message_id DESC LIMIT :limit
            """;
    private static final String OPENED_BY_CONTACTS = """
            SELECT k.account, k.contact, count(c.conversation_id) AS opened
            FROM unnest(CAST(:accounts AS int8[]), CAST(:contacts AS int8[])) AS k(account, contact)
            LEFT JOIN conversations c ON c.account_id = k.account AND c.contact_id = k.contact AND c.created_at >= :since
            GROUP BY k.account, k.contact
            """;
    private static final String INTENTS = """
            SELECT coalesce(intent, 'unclassified') AS intent, count(*) AS conversations,
                   count(*) FILTER (WHERE escalated) AS escalated
            FROM conversations WHERE status IN ('OPEN', 'PENDING') GROUP BY 1 ORDER BY 2 DESC, 1
            """;
    /** Open conversations whose customer wrote after the last public reply by a person. */
    private static final String WAITING = """
            SELECT count(*) AS waiting, min(coalesce(waiting_since, last_customer_message_at)) AS oldest FROM conversations
            WHERE status = 'OPEN' AND last_customer_message_at IS NOT NULL
              AND (last_human_reply_at IS NULL OR last_human_reply_at < last_customer_message_at)
            """;
    private static final String SKIPPED = "SELECT count(*) FROM conversation_skipped_events";

    private final JdbcClient jdbc;

    ConversationQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Conversations.Summary> list(Conversations.Filter f, Conversations.Sort sort, int limit, int offset) {
        return jdbc.sql(LIST).param("status", f.status() == null ? null : f.status().name()).param("intent", f.intent())
                .param("escalated", f.escalated()).param("vip", f.vip()).param("inbox", f.inboxId()).param("assignee", f.assigneeId())
                .param("unassigned", f.unassigned()).param("sort", sort.name()).param("limit", limit).param("offset", offset)
                .query(ConversationQueries::summary).list();
    }

    Optional<Conversations.Summary> find(long account, long conversation) {
        return jdbc.sql(ONE).param("account", account).param("conversation", conversation).query(ConversationQueries::summary).optional();
    }

    List<Conversations.MessageView> messages(long account, long conversation, int limit) {
        return jdbc.sql(MESSAGES).param("account", account).param("conversation", conversation).param("limit", limit)
                .query((rs, n) -> new Conversations.MessageView(rs.getLong("message_id"), SenderKind.valueOf(rs.getString("sender_kind")),
                        rs.getString("sender_name"), rs.getString("content"), rs.getBoolean("deleted"), instant(rs, "created_at")))
                .list();
    }

    java.util.Map<Conversations.Contact, Long> openedByContactsSince(java.util.Collection<Conversations.Contact> contacts, Instant since) {
        java.util.Map<Conversations.Contact, Long> opened = new java.util.HashMap<>();
        if (contacts.isEmpty()) {
            return opened;
        }
        Long[] accounts = contacts.stream().map(Conversations.Contact::accountId).toArray(Long[]::new);
        Long[] ids = contacts.stream().map(Conversations.Contact::contactId).toArray(Long[]::new);
        jdbc.sql(OPENED_BY_CONTACTS).param("accounts", new org.springframework.jdbc.support.SqlArrayValue("int8", (Object[]) accounts))
                .param("contacts", new org.springframework.jdbc.support.SqlArrayValue("int8", (Object[]) ids))
                .param("since", Timestamp.from(since))
                .query((rs, n) -> opened.put(new Conversations.Contact(rs.getLong("account"), rs.getLong("contact")), rs.getLong("opened")))
                .list();
        return opened;
    }

    List<Conversations.IntentCount> intents() {
        return jdbc.sql(INTENTS).query((rs, n) -> new Conversations.IntentCount(rs.getString("intent"), rs.getLong("conversations"),
                rs.getLong("escalated"))).list();
    }

    Conversations.Waiting waitingForReply() {
        return jdbc.sql(WAITING).query((rs, n) -> new Conversations.Waiting(rs.getLong("waiting"), instant(rs, "oldest"))).single();
    }

    long skipped() {
        return jdbc.sql(SKIPPED).query(Long.class).single();
    }

    private static Conversations.Summary summary(ResultSet rs, int n) throws SQLException {
        Array labels = rs.getArray("labels");
        return new Conversations.Summary(rs.getLong("account_id"), rs.getLong("conversation_id"), longOrNull(rs, "inbox_id"),
                rs.getString("inbox_name"), rs.getString("channel"), ConversationStatus.valueOf(rs.getString("status")),
                rs.getString("priority"), labels == null ? List.of() : List.of((String[]) labels.getArray()),
                longOrNull(rs, "assignee_id"), rs.getString("assignee_name"), rs.getString("assignee_type"),
                longOrNull(rs, "team_id"), rs.getString("team_name"),
                new Conversations.ContactView(longOrNull(rs, "contact_id"), rs.getString("contact_name"), rs.getString("contact_email"),
                        rs.getString("contact_phone"), rs.getString("contact_attributes")),
                instant(rs, "created_at"), instant(rs, "waiting_since"), instant(rs, "first_reply_at"), instant(rs, "snoozed_until"),
                instant(rs, "last_activity_at"),
                new Conversations.MessageCounts(rs.getInt("contact_messages"), rs.getInt("agent_messages"), rs.getInt("bot_messages"),
                        rs.getInt("notes")),
                instant(rs, "last_customer_message_at"), instant(rs, "first_human_reply_at"), instant(rs, "last_human_reply_at"),
                rs.getString("intent"), rs.getBoolean("escalated"), rs.getBoolean("vip"), instant(rs, "first_event_at"),
                instant(rs, "last_event_at"), instant(rs, "sla_due_at"));
    }

    private static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
