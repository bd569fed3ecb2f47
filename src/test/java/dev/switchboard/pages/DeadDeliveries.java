package dev.switchboard.pages;

import java.time.Instant;
import java.util.UUID;

import dev.switchboard.support.Rows;
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
        Rows.anInactiveDestination(jdbc, DESTINATION, at);
        String body = "{\"event\":\"" + event + "\",\"id\":" + System.nanoTime() + ",\"content\":\"Where is my order?\","
                + "\"contact_inbox\":{\"pubsub_token\":\"pst-very-secret-token\"}}";
        UUID eventId = Rows.anEvent().ofType(event).inConversation(1, 7).receivedAt(at).withBody(body).insert(jdbc);
        UUID id = Rows.aDelivery().forEvent(eventId).to(DESTINATION).withStatus("DEAD").afterAttempts(1).createdAt(at)
                .insert(jdbc);
        Rows.anAttempt().of(id).startedAt(at).withOutcome("5xx").answered(503, "upstream busy <b>try later</b>").insert(jdbc);
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
