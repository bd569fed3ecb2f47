package dev.switchboard.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.switchboard.inbound.StoredEvent;
import org.junit.jupiter.api.Test;

class HandoffsTest {

    private static final Instant NOW = Instant.parse("2026-07-20T10:00:00Z");
    private static final Destination AGENT = destination("agent", Set.of(), 1);
    private static final Destination MESSAGES_ONLY = destination("audit", Set.of("message_created"), 2);

    @Test
    void each_event_waits_once_per_subscribed_destination_with_the_id_the_trigger_gives_it() {
        Handoffs handoffs = new Handoffs(List.of(AGENT, MESSAGES_ONLY));
        StoredEvent message = event("message_created", NOW);
        StoredEvent contact = event("contact_updated", NOW);

        handoffs.add(List.of(message, contact), List.of(AGENT, MESSAGES_ONLY));

        assertThat(handoffs.waiting("agent")).isEqualTo(2);
        assertThat(handoffs.waiting("audit")).isEqualTo(1);
        ClaimedDelivery audit = handoffs.next("audit");
        assertThat(audit.id()).isEqualTo(DeliveryIds.of(message.id(), 2));
        assertThat(audit.attempts()).isEqualTo(1);
        assertThat(audit.step()).isEqualTo(1);
        assertThat(audit.body()).isEqualTo(message.body());
    }

    @Test
    void those_too_old_to_start_within_their_lease_and_those_beyond_two_per_slot_are_overdue() {
        Handoffs handoffs = new Handoffs(List.of(AGENT));
        List<StoredEvent> events = new ArrayList<>();
        events.add(event("message_created", NOW.minus(Handoffs.START_WITHIN).minusSeconds(1)));
        for (int i = 0; i < 12; i++) {
            events.add(event("message_created", NOW));
        }
        handoffs.add(events, List.of(AGENT));

        List<ClaimedDelivery> overdue = handoffs.takeOverdue(AGENT, NOW);

        assertThat(overdue).hasSize(13 - AGENT.concurrency() * Handoffs.PER_SLOT);
        assertThat(overdue.getFirst().createdAt()).as("the stale one first").isBefore(NOW);
        assertThat(handoffs.waiting("agent")).isEqualTo(AGENT.concurrency() * Handoffs.PER_SLOT);
        assertThat(handoffs.takeOverdue(AGENT, NOW)).isEmpty();
        assertThat(handoffs.takeAll()).hasSize(AGENT.concurrency() * Handoffs.PER_SLOT);
        assertThat(handoffs.waiting("agent")).isZero();
    }

    private static StoredEvent event(String name, Instant at) {
        return new StoredEvent(UUID.randomUUID(), name, 1L, 2L, at, UUID.randomUUID().toString(),
                ("{\"event\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static Destination destination(String name, Set<String> events, int ordinal) {
        return new Destination(name, URI.create("http://127.0.0.1:9/"), List.of(), events, Duration.ofSeconds(10),
                RetrySchedule.Preset.SVIX.schedule(), 4, ordinal);
    }
}
