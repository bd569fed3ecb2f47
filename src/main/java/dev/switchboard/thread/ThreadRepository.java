package dev.switchboard.thread;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The thread tables. Callers hold the transaction; writes to one thread lock its row first. */
@Repository
class ThreadRepository {

    private static final String COLUMNS = """
            id, code, subject, query_type, priority, status, requester_name, requester_email, requester_phone,
            reference, assignee, created_at, updated_at, first_response_at, resolved_at, closed_at
            """;
    private static final String INSERT_THREAD = """
            INSERT INTO threads (id, code, subject, query_type, priority, status, requester_name, requester_email,
                                 requester_phone, reference, created_at, updated_at)
            VALUES (:id, :code, :subject, :type, :priority, 'OPEN', :name, :email, :phone, :reference, :now, :now)
            ON CONFLICT (code) DO NOTHING
            """;
    private static final String FIND_BY_ID = "SELECT " + COLUMNS + " FROM threads WHERE id = :id";
    private static final String FIND_BY_CODE = "SELECT " + COLUMNS + " FROM threads WHERE code = :code";
    private static final String LOCK = "SELECT " + COLUMNS + " FROM threads WHERE id = :id FOR UPDATE";
    private static final String INSERT_MESSAGE = """
            INSERT INTO thread_messages (id, thread_id, author_kind, author_name, visibility, body, created_at)
            VALUES (:id, :thread, :kind, :name, :visibility, :body, :now)
            """;
    private static final String INSERT_CHANGE = """
            INSERT INTO thread_changes (thread_id, changed_at, changed_by, field, old_value, new_value)
            VALUES (:thread, :now, :by, :field, :old, :new)
            """;
    private static final String SET_STATUS = """
            UPDATE threads SET status = :status, updated_at = :now,
                   resolved_at = CASE WHEN :status = 'RESOLVED' THEN :now WHEN :status = 'OPEN' THEN NULL ELSE resolved_at END,
                   closed_at = CASE WHEN :status = 'CLOSED' THEN :now WHEN :status = 'OPEN' THEN NULL ELSE closed_at END
            WHERE id = :id
            """;
    private static final String SET_ASSIGNEE = "UPDATE threads SET assignee = :assignee, updated_at = :now WHERE id = :id";
    private static final String SET_PRIORITY = "UPDATE threads SET priority = :priority, updated_at = :now WHERE id = :id";
    private static final String TOUCH = """
            UPDATE threads SET updated_at = :now, first_response_at = CASE WHEN :staffReply THEN coalesce(first_response_at, :now)
                                                                        ELSE first_response_at END
            WHERE id = :id
            """;
    private static final String MESSAGES = """
            SELECT id, author_kind, author_name, visibility, body, created_at FROM thread_messages
            WHERE thread_id = :thread AND (visibility = 'EXTERNAL' OR NOT :externalOnly)
            ORDER BY created_at, id
            """;
    private static final String CHANGES = """
            SELECT changed_at, changed_by, field, old_value, new_value FROM thread_changes WHERE thread_id = :thread ORDER BY id
            """;
    /** Resolved threads nobody answered close by themselves, with the change recorded as the system's. */
    private static final String AUTO_CLOSE = """
            WITH closed AS (
                UPDATE threads SET status = 'CLOSED', closed_at = :now, updated_at = :now
                WHERE id IN (SELECT id FROM threads WHERE status = 'RESOLVED' AND resolved_at < :cutoff
                             ORDER BY resolved_at LIMIT 500 FOR UPDATE SKIP LOCKED)
                RETURNING id
            )
            INSERT INTO thread_changes (thread_id, changed_at, changed_by, field, old_value, new_value)
            SELECT id, :now, 'system', 'status', 'RESOLVED', 'CLOSED' FROM closed
            """;

    private final JdbcClient jdbc;

    ThreadRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when the code is taken */
    boolean insert(NewThread thread, UUID id, String code, Instant now) {
        return jdbc.sql(INSERT_THREAD).param("id", id).param("code", code).param("subject", thread.subject())
                .param("type", thread.queryType()).param("priority", thread.priority().name()).param("name", thread.name())
                .param("email", thread.email()).param("phone", thread.phone()).param("reference", thread.reference())
                .param("now", Timestamp.from(now)).update() == 1;
    }

    Optional<ThreadRow> find(UUID id) {
        return jdbc.sql(FIND_BY_ID).param("id", id).query(ThreadRepository::row).optional();
    }

    Optional<ThreadRow> findByCode(String code) {
        return jdbc.sql(FIND_BY_CODE).param("code", code).query(ThreadRepository::row).optional();
    }

    Optional<ThreadRow> lock(UUID id) {
        return jdbc.sql(LOCK).param("id", id).query(ThreadRepository::row).optional();
    }

    void addMessage(UUID id, UUID thread, AuthorKind kind, String author, Visibility visibility, String body, Instant now) {
        jdbc.sql(INSERT_MESSAGE).param("id", id).param("thread", thread).param("kind", kind.name()).param("name", author)
                .param("visibility", visibility.name()).param("body", body).param("now", Timestamp.from(now)).update();
        jdbc.sql(TOUCH).param("id", thread).param("now", Timestamp.from(now))
                .param("staffReply", kind == AuthorKind.STAFF && visibility == Visibility.EXTERNAL).update();
    }

    void recordChange(UUID thread, String by, String field, String before, String after, Instant now) {
        jdbc.sql(INSERT_CHANGE).param("thread", thread).param("now", Timestamp.from(now)).param("by", by).param("field", field)
                .param("old", before).param("new", after).update();
    }

    void setStatus(UUID thread, ThreadStatus status, Instant now) {
        jdbc.sql(SET_STATUS).param("id", thread).param("status", status.name()).param("now", Timestamp.from(now)).update();
    }

    void setAssignee(UUID thread, String assignee, Instant now) {
        jdbc.sql(SET_ASSIGNEE).param("id", thread).param("assignee", assignee).param("now", Timestamp.from(now)).update();
    }

    void setPriority(UUID thread, Priority priority, Instant now) {
        jdbc.sql(SET_PRIORITY).param("id", thread).param("priority", priority.name()).param("now", Timestamp.from(now)).update();
    }

    List<MessageView> messages(UUID thread, boolean externalOnly) {
        return jdbc.sql(MESSAGES).param("thread", thread).param("externalOnly", externalOnly)
                .query((rs, n) -> new MessageView(rs.getObject("id", UUID.class), AuthorKind.valueOf(rs.getString("author_kind")),
                        rs.getString("author_name"), Visibility.valueOf(rs.getString("visibility")), rs.getString("body"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    List<ChangeView> changes(UUID thread) {
        return jdbc.sql(CHANGES).param("thread", thread)
                .query((rs, n) -> new ChangeView(rs.getTimestamp("changed_at").toInstant(), rs.getString("changed_by"),
                        rs.getString("field"), rs.getString("old_value"), rs.getString("new_value")))
                .list();
    }

    int autoClose(Instant cutoff, Instant now) {
        return jdbc.sql(AUTO_CLOSE).param("cutoff", Timestamp.from(cutoff)).param("now", Timestamp.from(now)).update();
    }

    static ThreadRow row(ResultSet rs, int n) throws SQLException {
        return new ThreadRow(rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("subject"),
                rs.getString("query_type"), Priority.valueOf(rs.getString("priority")), ThreadStatus.valueOf(rs.getString("status")),
                rs.getString("requester_name"), rs.getString("requester_email"), rs.getString("requester_phone"),
                rs.getString("reference"), rs.getString("assignee"), instant(rs, "created_at"), instant(rs, "updated_at"),
                instant(rs, "first_response_at"), instant(rs, "resolved_at"), instant(rs, "closed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    /** A query as raised, validated. */
    record NewThread(String subject, String queryType, Priority priority, String name, String email, String phone,
                     String reference) {
    }

    /** One thread as stored. */
    record ThreadRow(UUID id, String code, String subject, String queryType, Priority priority, ThreadStatus status,
                     String requesterName, String requesterEmail, String requesterPhone, String reference, String assignee,
                     Instant createdAt, Instant updatedAt, Instant firstResponseAt, Instant resolvedAt, Instant closedAt) {
    }

    record MessageView(UUID id, AuthorKind authorKind, String authorName, Visibility visibility, String body, Instant createdAt) {
    }

    record ChangeView(Instant changedAt, String changedBy, String field, String oldValue, String newValue) {
    }
}
