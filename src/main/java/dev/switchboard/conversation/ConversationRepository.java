package dev.switchboard.conversation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Writes of the read model. Every write is safe to repeat and to receive out of order. */
@Repository
class ConversationRepository {

    /**
     * A state replaces the held one only when it is as new or newer by Chatwoot's clock. The contact moves
     * by its own version; the inbox name, which only message events carry, is kept when a state has none.
     */
    private static final String UPSERT_STATE = """
            INSERT INTO conversations (account_id, conversation_id, inbox_id, inbox_name, channel, status, priority, labels,
                                       assignee_id, assignee_name, assignee_type, team_id, team_name,
                                       contact_id, contact_name, contact_email, contact_phone, contact_attributes, contact_version,
                                       created_at, waiting_since, first_reply_at, snoozed_until, last_activity_at, state_version,
                                       first_event_at, last_event_at)
            VALUES (:account, :conversation, :inboxId, :inboxName, :channel, :status, :priority, CAST(:labels AS text[]),
                    :assigneeId, :assigneeName, :assigneeType, :teamId, :teamName,
                    :contactId, :contactName, :contactEmail, :contactPhone, CAST(:contactAttributes AS jsonb), :contactVersion,
                    :createdAt, :waitingSince, :firstReplyAt, :snoozedUntil, :lastActivityAt, :version, :receivedAt, :receivedAt)
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
                contact_id = CASE WHEN EXCLUDED.contact_version >= conversations.contact_version THEN coalesce(EXCLUDED.contact_id, conversations.contact_id) ELSE conversations.contact_id END,
                contact_name = CASE WHEN EXCLUDED.contact_version >= conversations.contact_version THEN EXCLUDED.contact_name ELSE conversations.contact_name END,
                contact_email = CASE WHEN EXCLUDED.contact_version >= conversations.contact_version THEN EXCLUDED.contact_email ELSE conversations.contact_email END,
                contact_phone = CASE WHEN EXCLUDED.contact_version >= conversations.contact_version THEN EXCLUDED.contact_phone ELSE conversations.contact_phone END,
                contact_attributes = CASE WHEN EXCLUDED.contact_version >= conversations.contact_version THEN EXCLUDED.contact_attributes ELSE conversations.contact_attributes END,
                contact_version = greatest(conversations.contact_version, EXCLUDED.contact_version),
                first_event_at = least(conversations.first_event_at, EXCLUDED.first_event_at),
                last_event_at = greatest(conversations.last_event_at, EXCLUDED.last_event_at)
            """;
    /** A contact event: every conversation of that contact takes it, if it is newer than what they hold. */
    private static final String CONTACT = """
            UPDATE conversations SET contact_name = :name, contact_email = :email, contact_phone = :phone,
                                     contact_attributes = CAST(:attributes AS jsonb), contact_version = :version
            WHERE account_id = :account AND contact_id = :contact AND contact_version <= :version
            """;
    /** Once deleted a message stays deleted, whichever of its events comes last. */
    private static final String MESSAGE = """
            INSERT INTO conversation_messages (account_id, message_id, conversation_id, sender_kind, sender_name, content, deleted, created_at)
            VALUES (:account, :message, :conversation, :kind, :senderName, :content, :deleted, :createdAt)
            ON CONFLICT (account_id, message_id) DO UPDATE SET
                deleted = conversation_messages.deleted OR EXCLUDED.deleted,
                content = CASE WHEN EXCLUDED.deleted AND NOT conversation_messages.deleted THEN EXCLUDED.content ELSE conversation_messages.content END,
                sender_name = coalesce(conversation_messages.sender_name, EXCLUDED.sender_name),
                -- a conversation's messages[] gives whole seconds, the message's own event milliseconds: the finer wins
                created_at = greatest(conversation_messages.created_at, EXCLUDED.created_at)
            RETURNING (xmax = 0) AS inserted
            """;
    private static final String COUNTS = """
            UPDATE conversations c SET contact_messages = m.contact, agent_messages = m.agent, bot_messages = m.bot, notes = m.notes,
                                       last_customer_message_at = m.last_customer, first_human_reply_at = m.first_human,
                                       last_human_reply_at = m.last_human
            FROM (SELECT count(*) FILTER (WHERE sender_kind = 'CONTACT') AS contact, count(*) FILTER (WHERE sender_kind = 'AGENT') AS agent,
                         count(*) FILTER (WHERE sender_kind = 'BOT') AS bot, count(*) FILTER (WHERE sender_kind = 'NOTE') AS notes,
                         max(created_at) FILTER (WHERE sender_kind = 'CONTACT') AS last_customer,
                         min(created_at) FILTER (WHERE sender_kind = 'AGENT') AS first_human,
                         max(created_at) FILTER (WHERE sender_kind = 'AGENT') AS last_human
                  FROM conversation_messages WHERE account_id = :account AND conversation_id = :conversation) m
            WHERE c.account_id = :account AND c.conversation_id = :conversation
            """;
    private static final String SKIPPED = """
            INSERT INTO conversation_skipped_events (event_id, reason, skipped_at) VALUES (:id, :reason, :now)
            ON CONFLICT (event_id) DO UPDATE SET reason = EXCLUDED.reason, skipped_at = EXCLUDED.skipped_at
            """;
    private static final String ANNOTATE = """
            UPDATE conversations SET intent = coalesce(:intent, intent), escalated = escalated OR :escalated, vip = vip OR :vip
            WHERE account_id = :account AND conversation_id = :conversation
            """;

    private final JdbcClient jdbc;

    ConversationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void upsertState(ChatwootPayloads.State s, Instant receivedAt) {
        ChatwootPayloads.Contact c = s.contact();
        jdbc.sql(UPSERT_STATE).param("account", s.accountId()).param("conversation", s.conversationId())
                .param("inboxId", s.inboxId()).param("inboxName", s.inboxName()).param("channel", s.channel())
                .param("status", s.status().name()).param("priority", s.priority())
                .param("labels", s.labels().toArray(String[]::new))
                .param("assigneeId", s.assigneeId()).param("assigneeName", s.assigneeName()).param("assigneeType", s.assigneeType())
                .param("teamId", s.teamId()).param("teamName", s.teamName())
                .param("contactId", c == null ? null : c.contactId()).param("contactName", c == null ? null : c.name())
                .param("contactEmail", c == null ? null : c.email()).param("contactPhone", c == null ? null : c.phone())
                .param("contactAttributes", c == null ? "{}" : c.attributes()).param("contactVersion", c == null ? 0.0 : c.version())
                .param("createdAt", ts(s.createdAt())).param("waitingSince", ts(s.waitingSince()))
                .param("firstReplyAt", ts(s.firstReplyAt())).param("snoozedUntil", ts(s.snoozedUntil()))
                .param("lastActivityAt", ts(s.lastActivityAt())).param("version", s.version()).param("receivedAt", ts(receivedAt))
                .update();
    }

    void applyContact(ChatwootPayloads.Contact c) {
        jdbc.sql(CONTACT).param("account", c.accountId()).param("contact", c.contactId()).param("name", c.name())
                .param("email", c.email()).param("phone", c.phone()).param("attributes", c.attributes())
                .param("version", c.version()).update();
    }

    /** @return whether the message is new to the model */
    boolean upsertMessage(ChatwootPayloads.Message m) {
        return jdbc.sql(MESSAGE).param("account", m.accountId()).param("message", m.messageId()).param("conversation", m.conversationId())
                .param("kind", m.kind().name()).param("senderName", m.senderName()).param("content", m.content())
                .param("deleted", m.deleted()).param("createdAt", ts(m.createdAt())).query(Boolean.class).single();
    }

    void refreshCounts(long account, long conversation) {
        jdbc.sql(COUNTS).param("account", account).param("conversation", conversation).update();
    }

    void skipped(UUID eventId, String reason, Instant now) {
        jdbc.sql(SKIPPED).param("id", eventId).param("reason", reason).param("now", ts(now)).update();
    }

    void annotate(long account, long conversation, String intent, boolean escalated, boolean vip) {
        jdbc.sql(ANNOTATE).param("account", account).param("conversation", conversation).param("intent", intent)
                .param("escalated", escalated).param("vip", vip).update();
    }

    private static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }
}
