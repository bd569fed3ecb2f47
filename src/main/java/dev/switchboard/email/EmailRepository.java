package dev.switchboard.email;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The outbox as the sending workers use it: claims with a lease, outcomes guarded by the lease. */
@Repository
class EmailRepository {

    private static final String CLAIM = """
            UPDATE emails e SET lease_owner = :owner, next_attempt_at = :leaseEnd, attempts = e.attempts + 1
            WHERE e.id IN (SELECT id FROM emails WHERE status = 'PENDING' AND next_attempt_at <= :now
                           ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED)
            RETURNING e.id, e.kind, e.thread_id, e.recipient, e.subject, e.text_body, e.html_body, e.message_id,
                      e.in_reply_to, e.references_ids, e.attempts
            """;
    private static final String SENT = """
            UPDATE emails SET status = 'SENT', sent_at = :now, lease_owner = NULL, last_error = NULL
            WHERE id = :id AND lease_owner = :owner AND status = 'PENDING'
            """;
    private static final String RETRY = """
            UPDATE emails SET next_attempt_at = :at, lease_owner = NULL, last_error = :error
            WHERE id = :id AND lease_owner = :owner AND status = 'PENDING'
            """;
    private static final String DEAD = """
            UPDATE emails SET status = 'DEAD', lease_owner = NULL, last_error = :error
            WHERE id = :id AND lease_owner = :owner AND status = 'PENDING'
            """;
    private static final String WAITING = """
            SELECT count(*) AS pending, min(created_at) AS oldest FROM emails WHERE status = 'PENDING'
            """;

    private final JdbcClient jdbc;

    EmailRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ClaimedEmail> claim(String owner, int limit, Instant now, Instant leaseEnd) {
        return jdbc.sql(CLAIM).param("owner", owner).param("limit", limit).param("now", Timestamp.from(now))
                .param("leaseEnd", Timestamp.from(leaseEnd))
                .query((rs, n) -> new ClaimedEmail(rs.getObject("id", UUID.class), rs.getString("kind"),
                        rs.getObject("thread_id", UUID.class), rs.getString("recipient"), rs.getString("subject"),
                        rs.getString("text_body"), rs.getString("html_body"), rs.getString("message_id"),
                        rs.getString("in_reply_to"), rs.getString("references_ids"), rs.getInt("attempts")))
                .list();
    }

    boolean markSent(UUID id, String owner, Instant now) {
        return jdbc.sql(SENT).param("id", id).param("owner", owner).param("now", Timestamp.from(now)).update() == 1;
    }

    boolean retryAt(UUID id, String owner, Instant at, String error) {
        return jdbc.sql(RETRY).param("id", id).param("owner", owner).param("at", Timestamp.from(at)).param("error", error).update() == 1;
    }

    boolean markDead(UUID id, String owner, String error) {
        return jdbc.sql(DEAD).param("id", id).param("owner", owner).param("error", error).update() == 1;
    }

    Waiting waiting() {
        return jdbc.sql(WAITING).query((rs, n) -> new Waiting(rs.getLong("pending"),
                rs.getTimestamp("oldest") == null ? null : rs.getTimestamp("oldest").toInstant())).single();
    }

    record ClaimedEmail(UUID id, String kind, UUID threadId, String recipient, String subject, String textBody,
                        String htmlBody, String messageId, String inReplyTo, String references, int attempts) {
    }

    /** @param oldest when the oldest waiting email was made; null when none waits */
    record Waiting(long pending, Instant oldest) {
    }
}
