package dev.switchboard.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The queue's size and age, from the partial indexes, every 10 seconds (for metrics and health). */
@Component
class DeliveryStatistics {

    private static final String QUEUE = """
            SELECT (SELECT count(*) FROM deliveries WHERE status = 'PENDING') AS pending,
                   (SELECT min(created_at) FROM deliveries WHERE status = 'PENDING') AS oldest_pending,
                   (SELECT count(*) FROM deliveries WHERE status = 'DEAD') AS dead
            """;

    private final JdbcClient jdbc;
    private final DeliveryMetrics metrics;
    private final Clock clock;

    DeliveryStatistics(JdbcClient jdbc, DeliveryMetrics metrics, Clock clock) {
        this.jdbc = jdbc;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "10s", initialDelayString = "1s")
    void refresh() {
        try {
            metrics.queue(snapshot());
        } catch (RuntimeException e) {
            // the database may be away; the gauges keep their last values and readiness says why
            metrics.workerError();
        }
    }

    DeliveryMetrics.QueueSnapshot snapshot() {
        Instant now = clock.instant();
        return jdbc.sql(QUEUE).query((rs, n) -> {
            Timestamp oldest = rs.getTimestamp("oldest_pending");
            Duration age = oldest == null ? Duration.ZERO : Duration.between(oldest.toInstant(), now);
            return new DeliveryMetrics.QueueSnapshot(rs.getLong("pending"), age.isNegative() ? Duration.ZERO : age, rs.getLong("dead"));
        }).single();
    }
}
