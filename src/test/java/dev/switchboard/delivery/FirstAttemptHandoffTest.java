package dev.switchboard.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.switchboard.database.NodeIdentity;
import dev.switchboard.support.IntegrationTest;
import dev.switchboard.support.Rows;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The node that receives an event makes the first attempts itself, without claiming them: the trigger
 * leases them to it in the statement that stores the event. The test clock stands still, so a claim
 * could not take a leased delivery before its lease ends: whatever arrives while it stands still was
 * handed over in memory.
 */
@IntegrationTest
class FirstAttemptHandoffTest extends DeliveryTestSupport {

    @Autowired
    DeliveryRepository repository;
    @Autowired
    Destinations destinations;

    @Test
    void the_database_and_the_node_derive_the_same_delivery_ids() {
        for (int ordinal : new int[] {1, 2, 255, 256, 4097, 65535}) {
            UUID event = UUID.randomUUID();
            UUID inDatabase = jdbc.sql("SELECT delivery_id(:event, :ordinal)").param("event", event).param("ordinal", ordinal)
                    .query(UUID.class).single();
            assertThat(DeliveryIds.of(event, ordinal)).as("ordinal %d", ordinal).isEqualTo(inDatabase).isNotEqualTo(event);
        }
    }

    @Test
    void a_received_event_is_leased_to_its_node_and_attempted_without_a_claim() {
        UUID eventId = receive(message(7001));

        await().atMost(Duration.ofSeconds(5)).until(() -> "DELIVERED".equals(status(eventId)));
        assertThat(AGENT.received()).singleElement().extracting(r -> r.header("webhook-id"))
                .isEqualTo(DeliveryIds.of(eventId, agent().ordinal()).toString());
        assertThat(jdbc.sql("SELECT stored_by FROM events WHERE id = :id").param("id", eventId).query(String.class).single())
                .isEqualTo(NodeIdentity.id());
        assertThat(delivery(eventId)).containsEntry("attempts", 1).containsEntry("lease_owner", null);
    }

    @Test
    void an_event_whose_node_died_is_delivered_by_another_once_the_lease_runs_out() {
        Instant t0 = clock.instant();
        UUID eventId = Rows.anEvent().receivedAt(t0).withBody("{\"id\":1}").storedBy("node-that-died").insert(jdbc);

        assertThat(delivery(eventId)).containsEntry("lease_owner", "node-that-died").containsEntry("attempts", 1)
                .containsEntry("id", DeliveryIds.of(eventId, agent().ordinal()));
        assertThat(repository.claim(agent(), 10, "another-node", t0.plus(agent().lease()).minusSeconds(1)))
                .as("the lease still runs").isEmpty();

        clock.set(t0.plus(agent().lease()).plusSeconds(1));
        worker.wake();

        await().atMost(Duration.ofSeconds(5)).until(() -> "DELIVERED".equals(status(eventId)));
        assertThat(AGENT.received()).singleElement().extracting(r -> r.header("webhook-id"))
                .isEqualTo(DeliveryIds.of(eventId, agent().ordinal()).toString());
        assertThat(delivery(eventId)).containsEntry("attempts", 2);
    }

    @Test
    void while_the_breaker_is_open_handed_over_attempts_go_back_to_the_queue_and_are_delivered_later() {
        CircuitBreaker breaker = worker.breaker(DeliveryProperties.AGENT);
        try {
            while (!breaker.failed(clock.instant())) {
                // a run of failures opens it
            }
            UUID eventId = receive(message(7002));

            await().atMost(Duration.ofSeconds(5)).until(() -> delivery(eventId).get("lease_owner") == null);
            assertThat(delivery(eventId)).containsEntry("attempts", 0).containsEntry("status", "PENDING");
            assertThat(AGENT.received()).isEmpty();

            breaker.succeeded();
            worker.wake();
            await().atMost(Duration.ofSeconds(5)).until(() -> "DELIVERED".equals(status(eventId)));
            assertThat(AGENT.received()).hasSize(1);
        } finally {
            breaker.succeeded();
        }
    }

    private Destination agent() {
        return destinations.named(DeliveryProperties.AGENT).orElseThrow();
    }
}
