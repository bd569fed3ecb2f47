package dev.switchboard.draft;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.switchboard.conversation.CustomerMessageArrived;
import dev.switchboard.database.ArrayColumns;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The drafts table: proposals in, one decision each, staleness. */
@Repository
class DraftRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Draft.Source>> SOURCES = new TypeReference<>() {
    };

    private static final String INSERT = """
            INSERT INTO drafts (id, idempotency_key, origin, subject_kind, account_id, conversation_id, thread_id, thread_code, body,
                                intent, confidence, sources, answers, note_message_id, created_at)
            VALUES (:id, :key, :origin, :kind, :account, :conversation, :thread, :code, :body, :intent, :confidence,
                    CAST(:sources AS jsonb), :answers, :note, :now)
            ON CONFLICT (idempotency_key) DO NOTHING
            """;
    private static final String COLUMNS = """
            d.id, d.idempotency_key, d.origin, d.subject_kind, d.account_id, d.conversation_id, d.thread_id, d.thread_code, d.body,
            d.intent, d.confidence, d.sources::text AS sources, d.answers, d.note_message_id, d.created_at, d.stale_at, d.stale_reason,
            d.status, d.decided_at, d.decided_by, d.decided_via, d.final_body, d.edit_distance, d.reason, d.comment, d.tone,
            d.accuracy, d.policy, d.reply_action_id, d.thread_message_id, d.sent_at, d.review, d.reviewed_by, d.reviewed_at
            """;
    private static final String FIND = "SELECT " + COLUMNS + " FROM drafts d WHERE d.id = :id";
    private static final String LOCK = FIND + " FOR UPDATE";
    private static final String FIND_BY_KEY = "SELECT " + COLUMNS + " FROM drafts d WHERE d.idempotency_key = :key";
    private static final String PENDING_BY_AGE = "SELECT " + COLUMNS + """
             FROM drafts d WHERE d.status = 'PENDING' ORDER BY d.created_at, d.id LIMIT :limit
            """;
    private static final String PENDING_BY_DUE = "SELECT " + COLUMNS + """
             FROM drafts d
             LEFT JOIN sla_subject_due s ON s.subject_kind = d.subject_kind
                  AND s.subject_key = CASE WHEN d.subject_kind = 'THREAD' THEN d.thread_id::text ELSE d.account_id || ':' || d.conversation_id END
             WHERE d.status = 'PENDING' ORDER BY s.next_due_at NULLS LAST, d.created_at, d.id LIMIT :limit
            """;
    private static final String LATEST_PENDING_IN_CONVERSATION = "SELECT " + COLUMNS + """
             FROM drafts d WHERE d.subject_kind = 'CONVERSATION' AND d.account_id = :account AND d.conversation_id = :conversation
             AND d.status = 'PENDING' ORDER BY d.created_at DESC, d.id DESC LIMIT 1
            """;
    private static final String FOR_SUBJECT = "SELECT " + COLUMNS + """
             FROM drafts d WHERE (d.subject_kind = 'CONVERSATION' AND d.account_id = :account AND d.conversation_id = :conversation)
             OR (d.subject_kind = 'THREAD' AND d.thread_id = :thread) ORDER BY d.created_at DESC LIMIT :limit
            """;
    private static final String RECENT = "SELECT " + COLUMNS + """
             FROM drafts d WHERE (CAST(:status AS text) IS NULL OR d.status = :status) ORDER BY d.created_at DESC, d.id DESC LIMIT :limit
            """;
    private static final String DECIDE = """
            UPDATE drafts SET status = :status, decided_at = :now, decided_by = :by, decided_via = :via, final_body = :finalBody,
                              edit_distance = :distance, reason = :reason, comment = :comment, tone = :tone, accuracy = :accuracy,
                              policy = :policy
            WHERE id = :id AND status = 'PENDING'
            """;
    private static final String SENT = """
            UPDATE drafts SET reply_action_id = :action, thread_message_id = :message, sent_at = :sentAt WHERE id = :id
            """;
    private static final String SAMPLE = "UPDATE drafts SET review = 'WAITING' WHERE id = :id";
    private static final String REVIEW = """
            UPDATE drafts SET review = :review, reviewed_by = :by, reviewed_at = :now, tone = :tone, accuracy = :accuracy,
                              policy = :policy, comment = coalesce(:comment, comment)
            WHERE id = :id AND review = 'WAITING'
            """;
    private static final String WAITING_REVIEWS = "SELECT " + COLUMNS + """
             FROM drafts d WHERE d.review = 'WAITING' ORDER BY d.created_at, d.id LIMIT :limit
            """;
    private static final String STALE_CONVERSATIONS = """
            UPDATE drafts d SET stale_at = :now, stale_reason = 'The customer wrote again (message ' || m.message_id || ') after this draft.'
            FROM unnest(CAST(:accounts AS int8[]), CAST(:conversations AS int8[]), CAST(:messages AS int8[]),
                        CAST(:createdAt AS timestamptz[])) AS m(account_id, conversation_id, message_id, created_at)
            WHERE d.status = 'PENDING' AND d.stale_at IS NULL AND d.subject_kind = 'CONVERSATION'
              AND d.account_id = m.account_id AND d.conversation_id = m.conversation_id
              AND CASE WHEN d.answers ~ '^[0-9]{1,18}$' THEN CAST(d.answers AS bigint) < m.message_id
                       ELSE d.created_at < m.created_at END
            """;
    private static final String STALE_THREAD = """
            UPDATE drafts SET stale_at = :now, stale_reason = 'The customer wrote again (' || :at || ') after this draft.'
            WHERE status = 'PENDING' AND stale_at IS NULL AND subject_kind = 'THREAD' AND thread_id = :thread
              AND created_at < :createdAt AND answers IS DISTINCT FROM :message
            """;

    private static final ArrayColumns<CustomerMessageArrived> ARRIVED = new ArrayColumns<CustomerMessageArrived>()
            .column("accounts", "int8", Long.class, CustomerMessageArrived::accountId)
            .column("conversations", "int8", Long.class, CustomerMessageArrived::conversationId)
            .column("messages", "int8", Long.class, CustomerMessageArrived::messageId)
            .column("createdAt", "timestamptz", Timestamp.class, m -> Timestamp.from(m.createdAt()));

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;

    DraftRepository(JdbcClient jdbc, NamedParameterJdbcTemplate named) {
        this.jdbc = jdbc;
        this.named = named;
    }

    /** @return whether it was stored; false when a draft with that key exists */
    boolean insert(UUID id, NewDraft draft, Instant now) {
        Draft.Subject s = draft.subject();
        return jdbc.sql(INSERT).param("id", id).param("key", draft.idempotencyKey()).param("origin", draft.origin())
                .param("kind", s.kind()).param("account", s.accountId()).param("conversation", s.conversationId())
                .param("thread", s.threadId()).param("code", s.threadCode()).param("body", draft.body())
                .param("intent", draft.intent()).param("confidence", draft.confidence())
                .param("sources", JSON.writeValueAsString(draft.sources())).param("answers", draft.answers())
                .param("note", draft.noteMessageId()).param("now", Timestamp.from(now))
                .update() == 1;
    }

    Optional<Draft> find(UUID id) {
        return jdbc.sql(FIND).param("id", id).query(DraftRepository::draft).optional();
    }

    Optional<Draft> lock(UUID id) {
        return jdbc.sql(LOCK).param("id", id).query(DraftRepository::draft).optional();
    }

    Optional<Draft> findByKey(String key) {
        return jdbc.sql(FIND_BY_KEY).param("key", key).query(DraftRepository::draft).optional();
    }

    List<Draft> pending(boolean byDue, int limit) {
        return jdbc.sql(byDue ? PENDING_BY_DUE : PENDING_BY_AGE).param("limit", limit).query(DraftRepository::draft).list();
    }

    List<Draft> recent(DraftStatus status, int limit) {
        return jdbc.sql(RECENT).param("status", status == null ? null : status.name()).param("limit", limit)
                .query(DraftRepository::draft).list();
    }

    Optional<Draft> latestPending(long account, long conversation) {
        return jdbc.sql(LATEST_PENDING_IN_CONVERSATION).param("account", account).param("conversation", conversation)
                .query(DraftRepository::draft).optional();
    }

    List<Draft> forSubject(Draft.Subject subject, int limit) {
        return jdbc.sql(FOR_SUBJECT).param("account", subject.accountId()).param("conversation", subject.conversationId())
                .param("thread", subject.threadId()).param("limit", limit).query(DraftRepository::draft).list();
    }

    /** @return whether this call decided it; false when someone else did first */
    boolean decide(UUID id, Decided decided) {
        Draft.Grades g = decided.grades();
        return jdbc.sql(DECIDE).param("id", id).param("status", decided.status().name()).param("now", Timestamp.from(decided.at()))
                .param("by", decided.by()).param("via", decided.via().name()).param("finalBody", decided.finalBody())
                .param("distance", decided.editDistance())
                .param("reason", decided.reason() == null ? null : decided.reason().name()).param("comment", decided.comment())
                .param("tone", g.tone()).param("accuracy", g.accuracy()).param("policy", g.policy())
                .update() == 1;
    }

    void sent(UUID id, UUID actionId, UUID threadMessageId, Instant sentAt) {
        jdbc.sql(SENT).param("id", id).param("action", actionId).param("message", threadMessageId)
                .param("sentAt", sentAt == null ? null : Timestamp.from(sentAt)).update();
    }

    void sampleForReview(UUID id) {
        jdbc.sql(SAMPLE).param("id", id).update();
    }

    /** @return whether this call reviewed it; false when it was not waiting for a review (any more) */
    boolean review(UUID id, boolean good, Draft.Grades grades, String comment, String by, Instant now) {
        return jdbc.sql(REVIEW).param("id", id).param("review", good ? "GOOD" : "BAD").param("by", by)
                .param("now", Timestamp.from(now)).param("tone", grades.tone()).param("accuracy", grades.accuracy())
                .param("policy", grades.policy()).param("comment", comment).update() == 1;
    }

    List<Draft> waitingReviews(int limit) {
        return jdbc.sql(WAITING_REVIEWS).param("limit", limit).query(DraftRepository::draft).list();
    }

    /** Pending drafts older than a customer message in their conversation become stale: one statement for the batch. */
    int staleAfter(List<CustomerMessageArrived> messages, Instant now) {
        if (messages.isEmpty()) {
            return 0;
        }
        MapSqlParameterSource parameters = ARRIVED.bind(messages, new MapSqlParameterSource());
        parameters.addValue("now", Timestamp.from(now));
        return named.update(STALE_CONVERSATIONS, parameters);
    }

    int staleAfter(UUID thread, UUID message, Instant createdAt, Instant now) {
        return jdbc.sql(STALE_THREAD).param("thread", thread).param("message", message.toString()).param("at", createdAt.toString())
                .param("createdAt", Timestamp.from(createdAt)).param("now", Timestamp.from(now)).update();
    }

    private static Draft draft(ResultSet rs, int n) throws SQLException {
        Draft.Subject subject = new Draft.Subject(rs.getString("subject_kind"), (Long) rs.getObject("account_id"),
                (Long) rs.getObject("conversation_id"), rs.getObject("thread_id", UUID.class), rs.getString("thread_code"));
        String via = rs.getString("decided_via");
        String reason = rs.getString("reason");
        return new Draft(rs.getObject("id", UUID.class), rs.getString("idempotency_key"), rs.getString("origin"), subject,
                rs.getString("body"), rs.getString("intent"), (Float) rs.getObject("confidence"),
                new ArrayList<>(JSON.readValue(rs.getString("sources"), SOURCES)), rs.getString("answers"),
                (Long) rs.getObject("note_message_id"), instant(rs, "created_at"), instant(rs, "stale_at"), rs.getString("stale_reason"),
                DraftStatus.valueOf(rs.getString("status")), instant(rs, "decided_at"), rs.getString("decided_by"),
                via == null ? null : DecidedVia.valueOf(via), rs.getString("final_body"), (Integer) rs.getObject("edit_distance"),
                reason == null ? null : RejectReason.valueOf(reason), rs.getString("comment"),
                new Draft.Grades(small(rs, "tone"), small(rs, "accuracy"), small(rs, "policy")),
                rs.getObject("reply_action_id", UUID.class), rs.getObject("thread_message_id", UUID.class), instant(rs, "sent_at"),
                rs.getString("review"), rs.getString("reviewed_by"), instant(rs, "reviewed_at"));
    }

    private static Integer small(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    /** A proposal as it is stored. */
    record NewDraft(String idempotencyKey, String origin, Draft.Subject subject, String body, String intent, Float confidence,
                    List<Draft.Source> sources, String answers, Long noteMessageId) {
    }

    /** A decision as it is stored. */
    record Decided(DraftStatus status, Instant at, String by, DecidedVia via, String finalBody, Integer editDistance,
                   RejectReason reason, String comment, Draft.Grades grades) {
    }
}
