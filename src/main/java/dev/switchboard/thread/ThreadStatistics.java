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

    private final JdbcClient jdbc;

    ThreadStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param resolvedSince the start of "today" where the reader is */
    public Counts counts(Instant resolvedSince) {
        return jdbc.sql(COUNTS).param("since", Timestamp.from(resolvedSince))
                .query((rs, n) -> new Counts(rs.getLong("open"), rs.getLong("pending"), rs.getLong("resolved"))).single();
    }

    /** @param resolved resolved since the moment asked about, whether closed since or not */
    public record Counts(long open, long pending, long resolved) {
    }
}
