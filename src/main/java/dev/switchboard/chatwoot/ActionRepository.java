package dev.switchboard.chatwoot;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The Chatwoot actions table: enqueueing in the caller's transaction, claims with a lease, guarded outcomes. */
@Repository
class ActionRepository {

    private static final String INSERT = """
            INSERT INTO chatwoot_actions (id, account_id, conversation_id, kind, payload, reason, origin, idempotency_key,
                                          status, next_attempt_at, created_at)
            VALUES (:id, :account, :conversation, :kind, CAST(:payload AS jsonb), :reason, :origin, :key, 'PENDING', :now, :now)
            ON CONFLICT (idempotency_key) DO NOTHING
            """;
    private static final String CLAIM = """
            UPDATE chatwoot_actions a SET lease_owner = :owner, next_attempt_at = :leaseEnd, attempts = a.attempts + 1, step = a.step + 1
            WHERE a.id IN (SELECT id FROM chatwoot_actions WHERE status = 'PENDING' AND next_attempt_at <= :now
                           ORDER BY next_attempt_at, seq LIMIT :limit FOR UPDATE SKIP LOCKED)
            RETURNING a.seq, a.id, a.account_id, a.conversation_id, a.kind, a.payload::text AS payload, a.step, a.attempts
            """;
    private static final String DONE = """
            UPDATE chatwoot_actions SET status = 'DONE', done_at = :now, lease_owner = NULL, last_error = NULL,
                                        last_status = :status, result = :result
            WHERE id = :id AND lease_owner = :owner AND status = 'PENDING'
            """;
    private static final String RETRY = """
            UPDATE chatwoot_actions SET next_attempt_at = :at, lease_owner = NULL, last_error = :error, last_status = :status
            WHERE id = :id AND lease_owner = :owner AND status = 'PENDING'
            """;
    private static final String DEAD = """
            UPDATE chatwoot_actions SET status = 'DEAD', dead_at = :now, lease_owner = NULL, last_error = :error, last_status = :status
            WHERE id = :id AND lease_owner = :owner AND status = 'PENDING'
            """;
    private static final String REPLAY = """
            UPDATE chatwoot_actions SET status = 'PENDING', step = 0, next_attempt_at = :now, dead_at = NULL, lease_owner = NULL
            WHERE status = 'DEAD' AND (CAST(:id AS uuid) IS NULL OR id = :id) AND (CAST(:kind AS text) IS NULL OR kind = :kind)
            """;
    private static final String COLUMNS = """
            SELECT id, account_id, conversation_id, kind, payload::text AS payload, reason, origin, status, attempts,
                   next_attempt_at, last_error, last_status, result, created_at, done_at, dead_at
            FROM chatwoot_actions
            """;
    private static final String LIST = COLUMNS + """
            WHERE (CAST(:status AS text) IS NULL OR status = :status) AND (CAST(:kind AS text) IS NULL OR kind = :kind)
              AND (CAST(:account AS int8) IS NULL OR (account_id = :account AND conversation_id = :conversation))
              AND (CAST(:before AS uuid) IS NULL OR id < :before)
            ORDER BY id DESC LIMIT :limit
            """;
    private static final String ONE = COLUMNS + " WHERE id = :id";
    private static final String WAITING = """
            SELECT count(*) FILTER (WHERE status = 'PENDING') AS pending,
                   count(*) FILTER (WHERE status = 'DEAD') AS dead,
                   min(created_at) FILTER (WHERE status = 'PENDING') AS oldest
            FROM chatwoot_actions WHERE status IN ('PENDING', 'DEAD')
            """;

    private final JdbcClient jdbc;

    ActionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean insert(UUID id, long account, long conversation, String kind, String payload, String reason, String origin,
                   String key, Instant now) {
        return jdbc.sql(INSERT).param("id", id).param("account", account).param("conversation", conversation).param("kind", kind)
                .param("payload", payload).param("reason", reason).param("origin", origin).param("key", key)
                .param("now", Timestamp.from(now)).update() == 1;
    }

    List<Claimed> claim(String owner, int limit, Instant now, Instant leaseEnd) {
        return jdbc.sql(CLAIM).param("owner", owner).param("limit", limit).param("now", Timestamp.from(now))
                .param("leaseEnd", Timestamp.from(leaseEnd))
                .query((rs, n) -> new Claimed(rs.getLong("seq"), rs.getObject("id", UUID.class), rs.getLong("account_id"), rs.getLong("conversation_id"),
                        rs.getString("kind"), rs.getString("payload"), rs.getInt("step"),
                        rs.getInt("attempts")))
                .list().stream().sorted(java.util.Comparator.comparingLong(Claimed::seq)).toList();
    }

    boolean markDone(UUID id, String owner, Instant now, int status, String result) {
        return jdbc.sql(DONE).param("id", id).param("owner", owner).param("now", Timestamp.from(now)).param("status", status)
                .param("result", result).update() == 1;
    }

    boolean retryAt(UUID id, String owner, Instant at, String error, Integer status) {
        return jdbc.sql(RETRY).param("id", id).param("owner", owner).param("at", Timestamp.from(at)).param("error", error)
                .param("status", status).update() == 1;
    }

    boolean markDead(UUID id, String owner, Instant now, String error, Integer status) {
        return jdbc.sql(DEAD).param("id", id).param("owner", owner).param("now", Timestamp.from(now)).param("error", error)
                .param("status", status).update() == 1;
    }

    int replay(UUID id, String kind, Instant now) {
        return jdbc.sql(REPLAY).param("id", id).param("kind", kind).param("now", Timestamp.from(now)).update();
    }

    List<ChatwootActions.ActionView> list(ChatwootActions.Filter filter, UUID before, int limit) {
        return jdbc.sql(LIST).param("status", filter.status() == null ? null : filter.status().name()).param("kind", filter.kind())
                .param("account", filter.accountId()).param("conversation", filter.conversationId())
                .param("before", before).param("limit", limit).query(ActionRepository::view).list();
    }

    Optional<ChatwootActions.ActionView> find(UUID id) {
        return jdbc.sql(ONE).param("id", id).query(ActionRepository::view).optional();
    }

    ChatwootActions.Backlog backlog() {
        return jdbc.sql(WAITING).query((rs, n) -> new ChatwootActions.Backlog(rs.getLong("pending"), rs.getLong("dead"),
                instant(rs, "oldest"))).single();
    }

    private static ChatwootActions.ActionView view(ResultSet rs, int n) throws SQLException {
        return new ChatwootActions.ActionView(rs.getObject("id", UUID.class), rs.getLong("account_id"), rs.getLong("conversation_id"),
                rs.getString("kind"), rs.getString("payload"), rs.getString("reason"), rs.getString("origin"),
                ChatwootActions.ActionStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), instant(rs, "next_attempt_at"),
                rs.getString("last_error"), rs.getObject("last_status", Integer.class), rs.getString("result"),
                instant(rs, "created_at"), instant(rs, "done_at"), instant(rs, "dead_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    /** @param seq enqueue order: RETURNING keeps no order, and a conversation's actions go in the order decided */
    /** @param attempts every try ever made, this one included (a replay starts the steps again, not this) */
    record Claimed(long seq, UUID id, long accountId, long conversationId, String kind, String payload, int step, int attempts) {
    }
}
