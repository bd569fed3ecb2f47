package dev.switchboard.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Everything the old runbook's SQL answered about delivery, in one call: success rates, the queue,
 * attempt durations, and each destination with its breaker and flags. Every condition that means
 * events are not flowing becomes an alert line.
 */
@Component
public class DeliveryHealth {

    private static final String ATTEMPTS = """
            SELECT count(*) FILTER (WHERE started_at >= :since15) AS attempts15,
                   count(*) FILTER (WHERE started_at >= :since15 AND outcome_class = '2xx') AS ok15,
                   count(*) AS attempts60,
                   count(*) FILTER (WHERE outcome_class = '2xx') AS ok60,
                   avg(duration_ms) AS avg_ms,
                   percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms) AS p95_ms
            FROM delivery_attempts WHERE started_at >= :since60
            """;
    private static final String PER_DESTINATION = """
            SELECT destination, count(*) FILTER (WHERE status = 'PENDING') AS pending,
                   count(*) FILTER (WHERE status = 'DEAD') AS dead
            FROM deliveries WHERE status IN ('PENDING', 'DEAD') GROUP BY destination
            """;
    private static final String DESTINATIONS = """
            SELECT name, active, flagged_at, flagged_reason FROM delivery_destinations ORDER BY name
            """;

    private static final String RATE = """
            SELECT count(*) AS attempts, count(*) FILTER (WHERE outcome_class = '2xx') AS ok FROM delivery_attempts WHERE started_at >= :since
            """;
    private static final String DEAD_SINCE = "SELECT count(*) FROM deliveries WHERE status = 'DEAD' AND dead_at >= :since";

    private final JdbcClient jdbc;
    private final Destinations destinations;
    private final DeliveryWorker worker;
    private final DeliveryStatistics statistics;
    private final Clock clock;

    DeliveryHealth(JdbcClient jdbc, Destinations destinations, DeliveryWorker worker, DeliveryStatistics statistics, Clock clock) {
        this.jdbc = jdbc;
        this.destinations = destinations;
        this.worker = worker;
        this.statistics = statistics;
        this.clock = clock;
    }

    public Snapshot snapshot() {
        Instant now = clock.instant();
        DeliveryMetrics.QueueSnapshot queue = statistics.snapshot();
        Attempts attempts = jdbc.sql(ATTEMPTS)
                .param("since15", Timestamp.from(now.minus(Duration.ofMinutes(15))))
                .param("since60", Timestamp.from(now.minus(Duration.ofHours(1))))
                .query((rs, n) -> new Attempts(rs.getLong("attempts15"), rate(rs.getLong("ok15"), rs.getLong("attempts15")),
                        rs.getLong("attempts60"), rate(rs.getLong("ok60"), rs.getLong("attempts60")),
                        number(rs.getObject("avg_ms")), number(rs.getObject("p95_ms")))).single();
        Map<String, long[]> counts = new HashMap<>();
        jdbc.sql(PER_DESTINATION).query(rs -> {
            counts.put(rs.getString("destination"), new long[] {rs.getLong("pending"), rs.getLong("dead")});
        });
        List<DestinationStatus> statuses = new ArrayList<>();
        List<String> alerts = new ArrayList<>();
        if (destinations.all().isEmpty()) {
            alerts.add("No destination is configured (AGENT_SDK_URL): events are stored but delivered nowhere");
        }
        jdbc.sql(DESTINATIONS).query(rs -> {
            String name = rs.getString("name");
            long[] c = counts.getOrDefault(name, new long[2]);
            Timestamp flaggedAt = rs.getTimestamp("flagged_at");
            var configured = destinations.named(name);
            CircuitBreaker breaker = configured.isPresent() ? worker.breaker(name) : null;
            String breakerState = breaker == null ? "none" : breaker.state().label();
            statuses.add(new DestinationStatus(name, configured.map(d -> d.url().toString()).orElse(null),
                    rs.getBoolean("active"), breakerState, c[0], c[1],
                    flaggedAt == null ? null : flaggedAt.toInstant(), rs.getString("flagged_reason")));
            if (flaggedAt != null) {
                alerts.add("Destination " + name + " is flagged: " + rs.getString("flagged_reason"));
            }
            if (breaker != null && breaker.state() == CircuitBreaker.State.OPEN) {
                alerts.add("Destination " + name + " breaker is open until " + breaker.openUntil() + ": attempts are paused");
            }
            if (!rs.getBoolean("active") && c[0] > 0) {
                alerts.add("Destination " + name + " is no longer configured but has " + c[0] + " pending deliveries");
            }
        });
        return new Snapshot(attempts.successRate15m(), attempts.successRate1h(), attempts.attempts15m(), attempts.attempts1h(),
                queue.pending(), queue.oldestPendingAge().toSeconds(), queue.dead(), attempts.averageMs(), attempts.p95Ms(),
                statuses, alerts);
    }

    /** Attempts in the last {@code window} and the share of them delivered (null without an attempt). */
    public Rate rateOver(Duration window) {
        return jdbc.sql(RATE).param("since", Timestamp.from(clock.instant().minus(window)))
                .query((rs, n) -> new Rate(rs.getLong("attempts"), rate(rs.getLong("ok"), rs.getLong("attempts")))).single();
    }

    /** Deliveries that went dead since then (and are dead still). */
    public long deadSince(Instant since) {
        return jdbc.sql(DEAD_SINCE).param("since", Timestamp.from(since)).query(Long.class).single();
    }

    public record Rate(long attempts, Double successRate) {
    }

    /** avg() answers numeric, percentile_cont double precision; both read as a double, or null. */
    private static Double number(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    private static Double rate(long ok, long total) {
        return total == 0 ? null : (double) ok / total;
    }

    private record Attempts(long attempts15m, Double successRate15m, long attempts1h, Double successRate1h,
                            Double averageMs, Double p95Ms) {
    }

    /** Success rates are null when there was no attempt in the window. */
    public record Snapshot(Double successRate15m, Double successRate1h, long attempts15m, long attempts1h, long pending,
                           long oldestPendingAgeSeconds, long dead, Double attemptDurationAvgMs, Double attemptDurationP95Ms,
                           List<DestinationStatus> destinations, List<String> alerts) {
    }

    public record DestinationStatus(String name, String url, boolean active, String breaker, long pending, long dead,
                                    Instant flaggedAt, String flaggedReason) {
    }
}
