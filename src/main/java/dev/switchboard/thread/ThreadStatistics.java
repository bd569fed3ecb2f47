package dev.switchboard.thread;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** How many threads wait on staff, on customers, and were resolved since a moment, for the dashboard. */
@Component
public class ThreadStatistics {

    private static final String COUNTS = """
            SELECT count(*) FILTER (WHERE status = 'OPEN') AS open,
                   count(*) FILTER (WHERE status = 'PENDING') AS pending,
                   count(*) FILTER (WHERE resolved_at >= :since) AS resolved
            FROM threads WHERE status IN ('OPEN', 'PENDING') OR resolved_at >= :since
            """;

    /** Open threads whose customer wrote after staff's last external reply, and since when the oldest of them waits. */
    private static final String WAITING = """
            SELECT count(*) AS waiting, min(w.since) AS oldest FROM (
                SELECT (SELECT min(m.created_at) FROM thread_messages m
                        WHERE m.thread_id = t.id AND m.author_kind = 'CUSTOMER' AND m.created_at > coalesce(
                            (SELECT max(r.created_at) FROM thread_messages r
                             WHERE r.thread_id = t.id AND r.author_kind = 'STAFF' AND r.visibility = 'EXTERNAL'), '-infinity')) AS since
                FROM threads t WHERE t.status = 'OPEN') w
            WHERE w.since IS NOT NULL
            """;

    private final JdbcClient jdbc;

    ThreadStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param resolvedSince the start of "today" where the reader is */
    public Counts counts(Instant resolvedSince) {
        return jdbc.sql(COUNTS).param("since", Timestamp.from(resolvedSince))
                .query((rs, n) -> new Counts(rs.getLong("open"), rs.getLong("pending"), rs.getLong("resolved"))).single();
    }

    /** Threads waiting for a reply by a person, and since when the one waiting longest does (null: none). */
    public Waiting waitingForReply() {
        return jdbc.sql(WAITING).query((rs, n) -> {
            Timestamp oldest = rs.getTimestamp("oldest");
            return new Waiting(rs.getLong("waiting"), oldest == null ? null : oldest.toInstant());
        }).single();
    }

    public record Waiting(long count, Instant oldestSince) {
    }

    /** @param resolved resolved since the moment asked about, whether closed since or not */
    public record Counts(long open, long pending, long resolved) {
    }
}
