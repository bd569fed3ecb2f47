package dev.switchboard.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Events received and deliveries delivered per minute over the last 24 hours, for the dashboard's
 * chart. Delivered is counted from the attempts log (one 2xx attempt per delivered delivery), which has
 * an index on its time, rather than adding an index on {@code deliveries} that every result write would
 * have to maintain.
 *
 * <p>A minute's counts no longer change once it is a couple of minutes old, so each node keeps the
 * settled minutes and reads only the recent ones again: the day is scanned once per node, not on every
 * refresh of every dashboard. Reads closer together than {@link #FRESH_FOR} share one answer.
 */
@Component
public class Throughput {

    static final int MINUTES = 24 * 60;
    private static final Duration FRESH_FOR = Duration.ofSeconds(15);
    /** Attempts are logged when they end, up to the attempt timeout (≤ 30 s) after they started. */
    private static final Duration SETTLES_AFTER = Duration.ofMinutes(2);
    private static final String RECEIVED = """
            SELECT date_trunc('minute', received_at) AS minute, count(*) AS n
            FROM stored_events WHERE received_at >= :from AND received_at < :end GROUP BY 1
            """;
    private static final String DELIVERED = """
            SELECT date_trunc('minute', started_at) AS minute, count(*) AS n
            FROM delivery_attempts WHERE started_at >= :from AND started_at < :end AND outcome_class = '2xx' GROUP BY 1
            """;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<Instant, long[]> settled = new HashMap<>();
    private Instant settledUntil;
    private Series last;

    Throughput(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public synchronized Series lastDay() {
        Instant now = clock.instant();
        if (last != null && !now.isBefore(last.readAt()) && Duration.between(last.readAt(), now).compareTo(FRESH_FOR) < 0) {
            return last;
        }
        Instant end = now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        Instant start = end.minus(Duration.ofMinutes(MINUTES));
        Instant settleBefore = now.truncatedTo(ChronoUnit.MINUTES).minus(SETTLES_AFTER);
        boolean clockWentBack = last != null && now.isBefore(last.readAt());
        if (settledUntil == null || clockWentBack || settledUntil.isBefore(start)) {
            settled.clear();
            settledUntil = start;
        }
        Instant readFrom = settledUntil;
        Map<Instant, long[]> recent = new HashMap<>();
        count(RECEIVED, settledUntil, end, recent, 0);
        count(DELIVERED, settledUntil, end, recent, 1);
        for (Instant minute = settledUntil; minute.isBefore(settleBefore); minute = minute.plus(Duration.ofMinutes(1))) {
            long[] counts = recent.remove(minute);
            if (counts != null) {
                settled.put(minute, counts);
            }
        }
        if (settleBefore.isAfter(settledUntil)) {
            settledUntil = settleBefore;
        }
        settled.keySet().removeIf(minute -> minute.isBefore(start));
        long[] received = new long[MINUTES];
        long[] delivered = new long[MINUTES];
        for (int i = 0; i < MINUTES; i++) {
            Instant minute = start.plus(Duration.ofMinutes(i));
            long[] counts = minute.isBefore(settledUntil) ? settled.get(minute) : recent.get(minute);
            if (counts != null) {
                received[i] = counts[0];
                delivered[i] = counts[1];
            }
        }
        last = new Series(start, received, delivered, now, readFrom);
        return last;
    }

    private void count(String sql, Instant from, Instant end, Map<Instant, long[]> into, int series) {
        jdbc.sql(sql).param("from", Timestamp.from(from)).param("end", Timestamp.from(end))
                .query(rs -> {
                    into.computeIfAbsent(rs.getTimestamp("minute").toInstant(), m -> new long[2])[series] = rs.getLong("n");
                });
    }

    /**
     * @param start    the first minute; index i of each array is the minute starting i minutes later
     * @param readFrom where this reading began to read the database: the minutes before it were settled
     */
    public record Series(Instant start, long[] received, long[] delivered, Instant readAt, Instant readFrom) {
    }
}
