package dev.switchboard.pages;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Dead deliveries written straight into the tables, for a destination no test context configures, so
 * no worker ever takes them: what the pages show is what the test wrote.
 */
final class DeadDeliveries {

    static final String DESTINATION = "browser-test";

    private final JdbcClient jdbc;

    DeadDeliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return the delivery's id */
    UUID add(String event, Instant at) {
        jdbc.sql("""
                INSERT INTO delivery_destinations (name, events, active, updated_at) VALUES (:name, NULL, false, :at)
                ON CONFLICT (name) DO NOTHING""").param("name", DESTINATION).param("at", Timestamp.from(at)).update();
        String body = "{\"event\":\"" + event + "\",\"id\":" + System.nanoTime() + ",\"content\":\"Where is my order?\","
                + "\"contact_inbox\":{\"pubsub_token\":\"pst-very-secret-token\"}}";
        UUID eventId = jdbc.sql("""
                INSERT INTO events (id, dedupe_key, event, account_id, conversation_id, signature, received_at, body)
                VALUES (uuid_v7(:at), :key, :event, 1, 7, 'verified', :at, :body) RETURNING id""")
                .param("at", Timestamp.from(at)).param("key", "browser-" + UUID.randomUUID()).param("event", event)
                .param("body", body.getBytes(StandardCharsets.UTF_8)).query(UUID.class).single();
        UUID id = jdbc.sql("""
                INSERT INTO deliveries (id, event_id, destination, status, attempts, step, next_attempt_at, created_at, dead_at, last_error)
                VALUES (uuid_v7(:at), :event, :destination, 'DEAD', 1, 1, :at, :at, :at, '5xx') RETURNING id""")
                .param("at", Timestamp.from(at)).param("event", eventId).param("destination", DESTINATION).query(UUID.class).single();
        jdbc.sql("""
                INSERT INTO delivery_attempts (delivery_id, number, started_at, duration_ms, status_code, error_class, response_excerpt)
                VALUES (:id, 1, :at, 42, 503, '5xx', 'upstream busy <b>try later</b>')""")
                .param("id", id).param("at", Timestamp.from(at)).update();
        return id;
    }

    String status(UUID id) {
        return jdbc.sql("SELECT status FROM deliveries WHERE id = :id").param("id", id).query(String.class).single();
    }

    void clear() {
        jdbc.sql("DELETE FROM events WHERE id IN (SELECT event_id FROM deliveries WHERE destination = :d)")
                .param("d", DESTINATION).update();
    }
}
