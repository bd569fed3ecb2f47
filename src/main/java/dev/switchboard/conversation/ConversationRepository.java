package dev.switchboard.conversation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.switchboard.database.ArrayColumns;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes of the read model, a batch of events at a time: every write is safe to repeat and to receive out of
 * order, and each kind of row is one statement for the whole batch.
 */
@Repository
class ConversationRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * A state replaces the held one only when it is as new or newer by Chatwoot's clock. The contact moves
     * by its own version, and only when the state names one; the inbox name, which only message events carry,
     * is kept when a state has none.
     */
    private static final String UPSERT_STATES = """
            INSERT INTO conversations (account_id, conversation_id, inbox_id, inbox_name, channel, status, priority, labels,
                                       assignee_id, assignee_name, assignee_type, team_id, team_name,
                                       contact_id, contact_name, contact_email, contact_phone, contact_attributes, contact_version,
                                       created_at, waiting_since, first_reply_at, snoozed_until, last_activity_at, state_version,
                                       first_event_at, last_event_at)
            SELECT s.account, s.conversation, s.inbox_id, s.inbox_name, s.channel, s.status, s.priority,
                   ARRAY(SELECT jsonb_array_elements_text(CAST(s.labels AS jsonb))),
                   s.assignee_id, s.assignee_name, s.assignee_type, s.team_id, s.team_name,
                   s.contact_id, s.contact_name, s.contact_email, s.contact_phone, CAST(s.contact_attributes AS jsonb), s.contact_version,
                   CAST(s.created_at AS timestamptz), CAST(s.waiting_since AS timestamptz), CAST(s.first_reply_at AS timestamptz),
                   CAST(s.snoozed_until AS timestamptz), CAST(s.last_activity_at AS timestamptz), s.version,
                   CAST(s.first_event_at AS timestamptz), CAST(s.last_event_at AS timestamptz)
            FROM unnest(CAST(:accounts AS int8[]), CAST(:conversations AS int8[]), CAST(:inboxIds AS int8[]), CAST(:inboxNames AS text[]),
                        CAST(:channels AS text[]), CAST(:statuses AS text[]), CAST(:priorities AS text[]), CAST(:labels AS text[]),
                        CAST(:assigneeIds AS int8[]), CAST(:assigneeNames AS text[]), CAST(:assigneeTypes AS text[]),
                        CAST(:teamIds AS int8[]), CAST(:teamNames AS text[]), CAST(:contactIds AS int8[]), CAST(:contactNames AS text[]),
                        CAST(:contactEmails AS text[]), CAST(:contactPhones AS text[]), CAST(:contactAttributes AS text[]),
                        CAST(:contactVersions AS float8[]), CAST(:createdAt AS text[]), CAST(:waitingSince AS text[]),
                        CAST(:firstReplyAt AS text[]), CAST(:snoozedUntil AS text[]), CAST(:lastActivityAt AS text[]),
                        CAST(:versions AS float8[]), CAST(:firstEventAt AS text[]), CAST(:lastEventAt AS text[]))
                 AS s(account, conversation, inbox_id, inbox_name, channel, status, priority, labels, assignee_id, assignee_name,
                      assignee_type, team_id, team_name, contact_id, contact_name, contact_email, contact_phone, contact_attributes,
                      contact_version, created_at, waiting_since, first_reply_at, snoozed_until, last_activity_at, version,
                      first_event_at, last_event_at)
            ON CONFLICT (account_id, conversation_id) DO UPDATE SET
                inbox_id = CASE WHEN EXCLUDED.state_version >= conversations.state_version THEN EXCLUDED.inbox_id ELSE conversations.inbox_id END,
                inbox_name = coalesce(EXCLUDED.inbox_name, conversations.inbox_name),
                channel = CASE WHEN EXCLUDED.state_version >= conversations.state_version THEN EXCLUDED.channel ELSE conversations.channel END,
                status = CASE WHEN EXCLUDED.state_version >= conversations.state_version THEN EXCLUDED.status ELSE conversations.status END,
                priority = CASE WHEN EXCLUDED.state_version >= conversations.state_version THEN EXCLUDED.priority ELSE conversations.priority END,
                labels = CASE WHEN EXCLUDED.state_version >= conversations.state_version THEN EXCLUDED.labels ELSE conversations.labels END,
                assignee_id = CASE WHEN EXCLUDED.state_version >= conversations.state_version THEN EXCLUDED.assignee_id ELSE conversations.assignee_id END,
                assignee_name = CASE WHEN EXCLUDED.state_version >= conversations.state_version THEN EXCLUDED.assignee_name ELSE conversations.assignee_name END,
                assignee_type = CASE WHEN EXCLUDED.state_version >= conversations.state_version THEN EXCLUDED.assignee_type ELSE conversations.assignee_type END,
                team_id = CASE WHEN EXCLUDED.state_version >= conversations.state_version THEN EXCLUDED.team_id ELSE conversations.team_id END,
                team_name = CASE WHEN EXCLUDED.state_version >= conversations.state_version THEN EXCLUDED.team_name ELSE conversations.team_name END,
                created_at = coalesce(conversations.created_at, EXCLUDED.created_at),
                waiting_since = CASE WHEN EXCLUDED.state_version >= conversations.state_version THEN EXCLUDED.waiting_since ELSE conversations.waiting_since END,
                first_reply_at = coalesce(conversations.first_reply_at, EXCLUDED.first_reply_at),
                snoozed_until = CASE WHEN EXCLUDED.state_version >= conversations.state_version THEN EXCLUDED.snoozed_until ELSE conversations.snoozed_until END,
                last_activity_at = greatest(conversations.last_activity_at, EXCLUDED.last_activity_at),
                state_version = greatest(conversations.state_version, EXCLUDED.state_version),
                contact_id = CASE WHEN EXCLUDED.contact_id IS NOT NULL AND EXCLUDED.contact_version >= conversations.contact_version THEN EXCLUDED.contact_id ELSE conversations.contact_id END,
                contact_name = CASE WHEN EXCLUDED.contact_id IS NOT NULL AND EXCLUDED.contact_version >= conversations.contact_version THEN EXCLUDED.contact_name ELSE conversations.contact_name END,
                contact_email = CASE WHEN EXCLUDED.contact_id IS NOT NULL AND EXCLUDED.contact_version >= conversations.contact_version THEN EXCLUDED.contact_email ELSE conversations.contact_email END,
                contact_phone = CASE WHEN EXCLUDED.contact_id IS NOT NULL AND EXCLUDED.contact_version >= conversations.contact_version THEN EXCLUDED.contact_phone ELSE conversations.contact_phone END,
                contact_attributes = CASE WHEN EXCLUDED.contact_id IS NOT NULL AND EXCLUDED.contact_version >= conversations.contact_version THEN EXCLUDED.contact_attributes ELSE conversations.contact_attributes END,
                contact_version = greatest(conversations.contact_version, EXCLUDED.contact_version),
                first_event_at = least(conversations.first_event_at, EXCLUDED.first_event_at),
                last_event_at = greatest(conversations.last_event_at, EXCLUDED.last_event_at)
            """;
    private static final ArrayColumns<EventBatch.Folded> STATE_COLUMNS = new ArrayColumns<EventBatch.Folded>()
            .column("accounts", "int8", Long.class, f -> f.state().accountId())
            .column("conversations", "int8", Long.class, f -> f.state().conversationId())
            .column("inboxIds", "int8", Long.class, f -> f.state().inboxId())
            .column("inboxNames", "text", String.class, f -> f.state().inboxName())
            .column("channels", "text", String.class, f -> f.state().channel())
            .column("statuses", "text", String.class, f -> f.state().status().name())
            .column("priorities", "text", String.class, f -> f.state().priority())
            .column("labels", "text", String.class, f -> JSON.writeValueAsString(f.state().labels()))
            .column("assigneeIds", "int8", Long.class, f -> f.state().assigneeId())
            .column("assigneeNames", "text", String.class, f -> f.state().assigneeName())
            .column("assigneeTypes", "text", String.class, f -> f.state().assigneeType())
            .column("teamIds", "int8", Long.class, f -> f.state().teamId())
            .column("teamNames", "text", String.class, f -> f.state().teamName())
            .column("contactIds", "int8", Long.class, f -> f.state().contact() == null ? null : f.state().contact().contactId())
            .column("contactNames", "text", String.class, f -> f.state().contact() == null ? null : f.state().contact().name())
            .column("contactEmails", "text", String.class, f -> f.state().contact() == null ? null : f.state().contact().email())
            .column("contactPhones", "text", String.class, f -> f.state().contact() == null ? null : f.state().contact().phone())
            .column("contactAttributes", "text", String.class, f -> f.state().contact() == null ? "{}" : f.state().contact().attributes())
            .column("contactVersions", "float8", Double.class, f -> EventBatch.contactVersion(f.state()))
            .column("createdAt", "text", String.class, f -> text(f.state().createdAt()))
            .column("waitingSince", "text", String.class, f -> text(f.state().waitingSince()))
            .column("firstReplyAt", "text", String.class, f -> text(f.state().firstReplyAt()))
            .column("snoozedUntil", "text", String.class, f -> text(f.state().snoozedUntil()))
            .column("lastActivityAt", "text", String.class, f -> text(f.state().lastActivityAt()))
            .column("versions", "float8", Double.class, f -> f.state().version())
            .column("firstEventAt", "text", String.class, f -> text(f.firstReceived()))
            .column("lastEventAt", "text", String.class, f -> text(f.lastReceived()));

    /** A contact event: every conversation of that contact takes it, if it is newer than what they hold. */
    private static final String CONTACT = """
            UPDATE conversations SET contact_name = :name, contact_email = :email, contact_phone = :phone,
                                     contact_attributes = CAST(:attributes AS jsonb), contact_version = :version
            WHERE account_id = :account AND contact_id = :contact AND contact_version <= :version
            """;
    /**
     * Messages kept once each by id: once deleted a message stays deleted, whichever of its events comes last,
     * and a conversation's {@code messages[]} gives whole seconds where the message's own event gives
     * milliseconds: the finer wins.
     */
    private static final String UPSERT_MESSAGES = """
            INSERT INTO conversation_messages (account_id, message_id, conversation_id, sender_kind, sender_name, content, deleted, created_at)
            SELECT m.account, m.message, m.conversation, m.kind, m.sender_name, m.content, m.deleted, CAST(m.created_at AS timestamptz)
            FROM unnest(CAST(:accounts AS int8[]), CAST(:messages AS int8[]), CAST(:conversations AS int8[]), CAST(:kinds AS text[]),
                        CAST(:senderNames AS text[]), CAST(:contents AS text[]), CAST(:deleted AS bool[]), CAST(:createdAt AS text[]))
                 AS m(account, message, conversation, kind, sender_name, content, deleted, created_at)
            ON CONFLICT (account_id, message_id) DO UPDATE SET
                deleted = conversation_messages.deleted OR EXCLUDED.deleted,
                content = CASE WHEN EXCLUDED.deleted AND NOT conversation_messages.deleted THEN EXCLUDED.content ELSE conversation_messages.content END,
                sender_name = coalesce(conversation_messages.sender_name, EXCLUDED.sender_name),
                created_at = greatest(conversation_messages.created_at, EXCLUDED.created_at)
            RETURNING account_id, message_id, (xmax = 0) AS inserted
            """;
    private static final ArrayColumns<ChatwootPayloads.Message> MESSAGE_COLUMNS = new ArrayColumns<ChatwootPayloads.Message>()
            .column("accounts", "int8", Long.class, ChatwootPayloads.Message::accountId)
            .column("messages", "int8", Long.class, ChatwootPayloads.Message::messageId)
            .column("conversations", "int8", Long.class, ChatwootPayloads.Message::conversationId)
            .column("kinds", "text", String.class, m -> m.kind().name())
            .column("senderNames", "text", String.class, ChatwootPayloads.Message::senderName)
            .column("contents", "text", String.class, ChatwootPayloads.Message::content)
            .column("deleted", "bool", Boolean.class, ChatwootPayloads.Message::deleted)
            .column("createdAt", "text", String.class, m -> text(m.createdAt()));
    /**
     * The counts and times of the conversations given, from all their messages: a lateral look-up per
     * conversation, so each is an index range however large the table grows.
     */
    private static final String COUNTS = """
            UPDATE conversations c SET contact_messages = a.contact, agent_messages = a.agent, bot_messages = a.bot, notes = a.notes,
                                       last_customer_message_at = a.last_customer, first_human_reply_at = a.first_human,
                                       last_human_reply_at = a.last_human
            FROM unnest(CAST(:accounts AS int8[]), CAST(:conversations AS int8[])) AS k(account, conversation)
            CROSS JOIN LATERAL (
                SELECT count(*) FILTER (WHERE sender_kind = 'CONTACT') AS contact, count(*) FILTER (WHERE sender_kind = 'AGENT') AS agent,
                       count(*) FILTER (WHERE sender_kind = 'BOT') AS bot, count(*) FILTER (WHERE sender_kind = 'NOTE') AS notes,
                       max(created_at) FILTER (WHERE sender_kind = 'CONTACT') AS last_customer,
                       min(created_at) FILTER (WHERE sender_kind = 'AGENT') AS first_human,
                       max(created_at) FILTER (WHERE sender_kind = 'AGENT') AS last_human
                FROM conversation_messages m WHERE m.account_id = k.account AND m.conversation_id = k.conversation) a
            WHERE c.account_id = k.account AND c.conversation_id = k.conversation
            """;
    /**
     * Every statement of the batch planned for the tables as they are now. A plan cached while the tables were
     * nearly empty (the first minutes of a new install) chose to scan them whole, and kept doing so as they grew:
     * one batch then took seconds. Planning costs a fraction of a millisecond per statement, a few per batch.
     */
    private static final String PLAN_EACH_STATEMENT = "SET LOCAL plan_cache_mode = force_custom_plan";
    private static final String SKIPPED = """
            INSERT INTO conversation_skipped_events (event_id, reason, skipped_at) VALUES (:id, :reason, :now)
            ON CONFLICT (event_id) DO UPDATE SET reason = EXCLUDED.reason, skipped_at = EXCLUDED.skipped_at
            """;
    /** What triage concluded, for many conversations at once (one row each). */
    private static final String ANNOTATE = """
            UPDATE conversations c SET intent = coalesce(a.intent, c.intent), escalated = c.escalated OR a.escalated, vip = c.vip OR a.vip
            FROM unnest(CAST(:accounts AS int8[]), CAST(:conversations AS int8[]), CAST(:intents AS text[]), CAST(:escalated AS bool[]),
                        CAST(:vip AS bool[])) AS a(account, conversation, intent, escalated, vip)
            WHERE c.account_id = a.account AND c.conversation_id = a.conversation
            """;
    private static final ArrayColumns<Conversations.Annotation> ANNOTATION_COLUMNS = new ArrayColumns<Conversations.Annotation>()
            .column("accounts", "int8", Long.class, Conversations.Annotation::accountId)
            .column("conversations", "int8", Long.class, Conversations.Annotation::conversationId)
            .column("intents", "text", String.class, Conversations.Annotation::intent)
            .column("escalated", "bool", Boolean.class, Conversations.Annotation::escalated)
            .column("vip", "bool", Boolean.class, Conversations.Annotation::vip);

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;

    ConversationRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(template);
    }

    /** For the rest of the current transaction. */
    void planEachStatement() {
        jdbc.sql(PLAN_EACH_STATEMENT).update();
    }

    void upsertStates(List<EventBatch.Folded> states) {
        if (!states.isEmpty()) {
            named.update(UPSERT_STATES, STATE_COLUMNS.bind(states, new MapSqlParameterSource()));
        }
    }

    void applyContact(ChatwootPayloads.Contact c) {
        jdbc.sql(CONTACT).param("account", c.accountId()).param("contact", c.contactId()).param("name", c.name())
                .param("email", c.email()).param("phone", c.phone()).param("attributes", c.attributes())
                .param("version", c.version()).update();
    }

    /**
     * Writes the messages and the counts of their conversations.
     *
     * @return the messages new to the model
     */
    List<ChatwootPayloads.Message> upsertMessages(List<ChatwootPayloads.Message> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        Map<EventBatch.MessageKey, Boolean> inserted = new HashMap<>();
        named.query(UPSERT_MESSAGES, MESSAGE_COLUMNS.bind(messages, new MapSqlParameterSource()), (rs, n) ->
                inserted.put(new EventBatch.MessageKey(rs.getLong("account_id"), rs.getLong("message_id")), rs.getBoolean("inserted")));
        List<EventBatch.Key> touched = messages.stream().map(m -> new EventBatch.Key(m.accountId(), m.conversationId())).distinct().toList();
        named.update(COUNTS, new ArrayColumns<EventBatch.Key>()
                .column("accounts", "int8", Long.class, EventBatch.Key::accountId)
                .column("conversations", "int8", Long.class, EventBatch.Key::conversationId)
                .bind(touched, new MapSqlParameterSource()));
        List<ChatwootPayloads.Message> fresh = new ArrayList<>();
        for (ChatwootPayloads.Message m : messages) {
            if (Boolean.TRUE.equals(inserted.get(new EventBatch.MessageKey(m.accountId(), m.messageId())))) {
                fresh.add(m);
            }
        }
        return fresh;
    }

    void skipped(UUID eventId, String reason, Instant now) {
        jdbc.sql(SKIPPED).param("id", eventId).param("reason", reason).param("now", Timestamp.from(now)).update();
    }

    /** @param annotations one per conversation */
    void annotate(List<Conversations.Annotation> annotations) {
        if (!annotations.isEmpty()) {
            named.update(ANNOTATE, ANNOTATION_COLUMNS.bind(annotations, new MapSqlParameterSource()));
        }
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
