package dev.switchboard.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Events received and deliveries delivered per minute over the last 24 hours, for the dashboard's
 * chart. Delivered is counted from the attempts log (one 2xx attempt per delivered delivery), which has
 * an index on its time, rather than adding an index on {@code deliveries} that every result write would
 * have to maintain. Read at most once a minute per node, however many dashboards are open.
 */
@Component
public class Throughput {

    static final int MINUTES = 24 * 60;
    private static final Duration FRESH_FOR = Duration.ofMinutes(1);
    private static final String RECEIVED = """
            SELECT floor(extract(epoch FROM received_at - :start) / 60) AS minute, count(*) AS n
            FROM events WHERE received_at >= :start AND received_at < :end GROUP BY 1
            """;
    private static final String DELIVERED = """
            SELECT floor(extract(epoch FROM started_at - :start) / 60) AS minute, count(*) AS n
            FROM delivery_attempts WHERE started_at >= :start AND started_at < :end AND error_class = '2xx' GROUP BY 1
            """;

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile Series last;

    Throughput(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Series lastDay() {
        Instant now = clock.instant();
        Series cached = last;
        if (cached != null && !now.isBefore(cached.readAt()) && Duration.between(cached.readAt(), now).compareTo(FRESH_FOR) < 0) {
            return cached;
        }
        Instant end = now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        Instant start = end.minus(Duration.ofMinutes(MINUTES));
        Series series = new Series(start, count(RECEIVED, start, end), count(DELIVERED, start, end), now);
        last = series;
        return series;
    }

    private long[] count(String sql, Instant start, Instant end) {
        long[] perMinute = new long[MINUTES];
        jdbc.sql(sql).param("start", Timestamp.from(start)).param("end", Timestamp.from(end)).query(rs -> {
            int minute = rs.getInt("minute");
            if (minute >= 0 && minute < MINUTES) {
                perMinute[minute] = rs.getLong("n");
            }
        });
        return perMinute;
    }

    /** @param start the first minute; index i of each array is the minute starting i minutes later */
    public record Series(Instant start, long[] received, long[] delivered, Instant readAt) {
    }
}
