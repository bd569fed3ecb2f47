package dev.switchboard.delivery;

import java.sql.Timestamp;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes events older than the retention with their deliveries (cascade), and attempts older than it,
 * a thousand at a time so no long lock stands in the intake's way. An event whose delivery is still
 * pending is kept: events live as long as something still needs them.
 */
@Component
class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    static final int BATCH = 1000;
    private static final String DELETE_BATCH = """
            DELETE FROM events WHERE id IN (
                SELECT e.id FROM events e
                WHERE e.received_at < :cutoff
                  AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = e.id AND d.status = 'PENDING')
                LIMIT :batch FOR UPDATE SKIP LOCKED)
            """;

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

    /** @return how many events were deleted */
    long deleteExpired() {
        Timestamp cutoff = Timestamp.from(clock.instant().minus(properties.retention()));
        long total = 0;
        int deleted;
        do {
            deleted = jdbc.sql(DELETE_BATCH).param("cutoff", cutoff).param("batch", BATCH).update();
            total += deleted;
        } while (deleted == BATCH);
        do {
            deleted = jdbc.sql(DELETE_ATTEMPTS).param("cutoff", cutoff).param("batch", BATCH).update();
        } while (deleted == BATCH);
        if (total > 0) {
            log.info("Retention deleted {} events older than {} with their deliveries and attempts", total, properties.retention());
        }
        return total;
    }
}
