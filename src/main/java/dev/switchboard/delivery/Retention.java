package dev.switchboard.delivery;

import java.sql.Timestamp;
import java.time.Clock;

import dev.switchboard.database.Batches;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes attempts older than the retention, a thousand at a time so no long lock stands in the workers'
 * way. Deliveries go with their events, which inbound deletes ({@code EventRetention}) once none of
 * theirs is pending ({@code pending_deliveries}, the view this module publishes for it).
 */
@Component
class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    static final int BATCH = 1000;
    private static final String DELETE_ATTEMPTS = """
            DELETE FROM delivery_attempts WHERE ctid IN (
                SELECT ctid FROM delivery_attempts WHERE started_at < :cutoff LIMIT :batch)
            """;

    private final JdbcClient jdbc;
    private final DeliveryProperties properties;
    private final Clock clock;

    Retention(JdbcClient jdbc, DeliveryProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "1h", initialDelayString = "5m")
    void scheduled() {
        try {
            deleteExpired();
        } catch (RuntimeException e) {
            log.warn("Retention run failed; it runs again in an hour", e);
        }
    }

    /** @return how many attempts were deleted */
    long deleteExpired() {
        Timestamp cutoff = Timestamp.from(clock.instant().minus(properties.retention()));
        long total = Batches.whileFull(BATCH, () -> jdbc.sql(DELETE_ATTEMPTS).param("cutoff", cutoff).param("batch", BATCH).update());
        if (total > 0) {
            log.info("Retention deleted {} delivery attempts older than {}", total, properties.retention());
        }
        return total;
    }
}
