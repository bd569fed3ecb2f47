package dev.switchboard.inbound;

import java.sql.Timestamp;
import java.time.Clock;

import dev.switchboard.database.Batches;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes events older than the retention, with their deliveries (the foreign key cascades), a thousand
 * at a time so no long lock stands in the intake's way. An event with a delivery still pending is kept,
 * as delivery's published view {@code pending_deliveries} says: events live as long as something needs them.
 */
@Component
public class EventRetention {

    private static final Logger log = LoggerFactory.getLogger(EventRetention.class);
    static final int BATCH = 1000;
    private static final String DELETE_BATCH = """
            DELETE FROM events WHERE id IN (
                SELECT e.id FROM events e
                WHERE e.received_at < :cutoff
                  AND NOT EXISTS (SELECT 1 FROM pending_deliveries d WHERE d.event_id = e.id)
                LIMIT :batch FOR UPDATE SKIP LOCKED)
            """;

    private final JdbcClient jdbc;
    private final InboundProperties properties;
    private final Clock clock;

    EventRetention(JdbcClient jdbc, InboundProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "1h", initialDelayString = "5m")
    void scheduled() {
        try {
            deleteExpired();
        } catch (RuntimeException e) {
            log.warn("Event retention failed; it runs again in an hour", e);
        }
    }

    /** @return how many events were deleted */
    public long deleteExpired() {
        Timestamp cutoff = Timestamp.from(clock.instant().minus(properties.retention()));
        long total = Batches.whileFull(BATCH, () -> jdbc.sql(DELETE_BATCH).param("cutoff", cutoff).param("batch", BATCH).update());
        if (total > 0) {
            log.info("Retention deleted {} events older than {} with their deliveries", total, properties.retention());
        }
        return total;
    }
}
