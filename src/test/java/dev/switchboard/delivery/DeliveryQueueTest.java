package dev.switchboard.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.switchboard.inbound.EventRetention;
import dev.switchboard.support.IntegrationTest;
import dev.switchboard.support.Rows;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The queue's hard cases on real PostgreSQL: concurrent workers, leases, lanes, retention. */
@IntegrationTest
class DeliveryQueueTest extends DeliveryTestSupport {

    /** Not configured on the workers, so only the test claims its deliveries. */
    private static final Destination OFFLINE = new Destination("queue-test", URI.create("http://127.0.0.1:9/"), List.of(),
            Set.of(), Duration.ofSeconds(10), RetrySchedule.Preset.SVIX.schedule(), 32, 0);

    /** The agent is not subscribed to it, so the trigger enqueues nothing for the running workers. */
    private static final String UNSUBSCRIBED = "contact_updated";

    @Autowired
    DeliveryRepository repository;
    @Autowired
    Destinations destinations;
    @Autowired
    WebhookSender sender;
    @Autowired
    DeliveryMetrics metrics;
    @Autowired
    DeliveryProperties properties;
    @Autowired
    Retention retention;
    @Autowired
    EventRetention eventRetention;

    @Test
    void two_workers_on_a_thousand_deliveries_never_deliver_one_twice() {
        AtomicInteger bySecond = new AtomicInteger();
        WebhookSender counting = new WebhookSender(clock) {
            @Override
            AttemptResult send(Destination destination, ClaimedDelivery delivery) {
                bySecond.incrementAndGet();
                return super.send(destination, delivery);
            }
        };
        DeliveryWorker second = new DeliveryWorker("second-node", destinations, repository, counting, metrics, properties, clock);
        second.start();
        try {
            insertEvents(1000, clock.instant(), "message_created");
            worker.wake();
            second.wake();

            await().atMost(Duration.ofSeconds(30)).until(() -> count("status = 'DELIVERED'") == 1000);
        } finally {
            second.stop();
        }
        List<String> ids = AGENT.received().stream().map(r -> r.header("webhook-id")).toList();
        assertThat(ids).hasSize(1000).doesNotHaveDuplicates();
        assertThat(jdbc.sql("SELECT count(*) FROM delivery_attempts").query(Long.class).single())
                .as("one recorded attempt per delivery, whichever node made it").isEqualTo(1000);
        assertThat(jdbc.sql("SELECT count(DISTINCT lease_owner) FROM deliveries").query(Long.class).single()).isZero();
        assertThat(bySecond.get()).as("both nodes took part: the second delivered some, the first the rest").isBetween(1, 999);
    }

    @Test
    void a_live_lease_is_not_taken_and_an_expired_one_is_reclaimed() {
        UUID delivery = insertDelivery(OFFLINE.name(), 0, clock.instant());
        Instant t0 = clock.instant();

        List<ClaimedDelivery> first = repository.claim(OFFLINE, 10, "node-a", t0);
        List<ClaimedDelivery> whileLive = repository.claim(OFFLINE, 10, "node-b", t0.plus(OFFLINE.lease()).minusSeconds(1));
        List<ClaimedDelivery> afterExpiry = repository.claim(OFFLINE, 10, "node-b", t0.plus(OFFLINE.lease()).plusSeconds(1));

        assertThat(first).extracting(ClaimedDelivery::id).containsExactly(delivery);
        assertThat(whileLive).isEmpty();
        assertThat(afterExpiry).extracting(ClaimedDelivery::id).containsExactly(delivery);
        assertThat(afterExpiry.getFirst().attempts()).isEqualTo(2);

        var lateResult = new DeliveryRepository.Completion(first.getFirst(), ok(t0), new AttemptOutcome.Delivered());
        assertThat(repository.complete(List.of(lateResult), "node-a")).as("node-a no longer holds it").isEmpty();
        var result = new DeliveryRepository.Completion(afterExpiry.getFirst(), ok(t0), new AttemptOutcome.Delivered());
        assertThat(repository.complete(List.of(result), "node-b")).containsExactly(delivery);
        assertThat(jdbc.sql("SELECT status FROM deliveries WHERE id = :id").param("id", delivery).query(String.class).single())
                .isEqualTo("DELIVERED");
    }

    @Test
    void a_backlog_of_retries_does_not_starve_first_attempts() {
        for (int i = 0; i < 100; i++) {
            insertDelivery(OFFLINE.name(), 3, clock.instant().minusSeconds(600));
        }
        for (int i = 0; i < 10; i++) {
            insertDelivery(OFFLINE.name(), 0, clock.instant());
        }

        List<ClaimedDelivery> claimed = repository.claim(OFFLINE, 8, "node-a", clock.instant());

        assertThat(claimed).hasSize(8);
        assertThat(claimed.stream().filter(c -> c.step() == 1).count()).as("first attempts").isEqualTo(6);
        assertThat(claimed.stream().filter(c -> c.step() > 1).count()).as("retries").isEqualTo(2);
    }

    @Test
    void retries_take_the_places_first_attempts_leave() {
        for (int i = 0; i < 20; i++) {
            insertDelivery(OFFLINE.name(), 1, clock.instant().minusSeconds(5));
        }
        insertDelivery(OFFLINE.name(), 0, clock.instant());

        List<ClaimedDelivery> claimed = repository.claim(OFFLINE, 8, "node-a", clock.instant());

        assertThat(claimed).hasSize(8);
        assertThat(claimed.stream().filter(c -> c.step() == 1).count()).as("first attempts").isEqualTo(1);
    }

    @Test
    void retries_still_move_while_fresh_events_pour_in() {
        for (int i = 0; i < 50; i++) {
            insertDelivery(OFFLINE.name(), 0, clock.instant());
        }
        UUID retry = insertDelivery(OFFLINE.name(), 2, clock.instant().minusSeconds(60));

        List<ClaimedDelivery> claimed = repository.claim(OFFLINE, 8, "node-a", clock.instant());

        assertThat(claimed).extracting(ClaimedDelivery::id).contains(retry);
    }

    @Test
    void an_event_the_agent_is_not_subscribed_to_gets_no_delivery_and_one_it_is_gets_one() {
        insertEvents(3, clock.instant(), UNSUBSCRIBED);

        assertThat(count("TRUE")).isZero();

        insertEvents(2, clock.instant(), "message_created");

        assertThat(count("TRUE")).isEqualTo(2);
    }

    @Test
    void retention_deletes_only_what_is_old_and_finished_events_first_then_attempts() {
        Instant now = clock.instant();
        Instant old = now.minus(Duration.ofDays(31));
        UUID oldDone = insertDeliveryWithEvent(OFFLINE.name(), "DELIVERED", old);
        UUID oldDead = insertDeliveryWithEvent(OFFLINE.name(), "DEAD", old);
        UUID oldPending = insertDeliveryWithEvent(OFFLINE.name(), "PENDING", old);
        UUID recent = insertDeliveryWithEvent(OFFLINE.name(), "DELIVERED", now.minus(Duration.ofDays(29)));
        for (UUID delivery : List.of(oldDone, oldPending, recent)) {
            Instant createdAt = jdbc.sql("SELECT created_at FROM deliveries WHERE id = :id").param("id", delivery)
                    .query(Timestamp.class).single().toInstant();
            Rows.anAttempt().of(delivery).startedAt(createdAt).withOutcome("5xx").insert(jdbc);
        }

        long events = eventRetention.deleteExpired();
        long attempts = retention.deleteExpired();

        assertThat(events).as("the old events whose deliveries are done; the pending one stays").isEqualTo(2);
        assertThat(attempts).isEqualTo(2);
        Set<UUID> left = new HashSet<>(jdbc.sql("SELECT id FROM deliveries").query(UUID.class).list());
        assertThat(left).contains(oldPending, recent).doesNotContain(oldDone, oldDead);
        assertThat(count("TRUE")).isEqualTo(2);
        // only this test's deliveries: the running worker may be recording attempts of earlier tests' events meanwhile
        assertThat(jdbc.sql("SELECT delivery_id FROM delivery_attempts WHERE delivery_id IN (:ours)")
                .param("ours", List.of(oldDone, oldDead, oldPending, recent)).query(UUID.class).list())
                .as("attempts older than the retention go too").containsExactly(recent);
    }

    private void insertEvents(int n, Instant at, String event) {
        Rows.anEvent().ofType(event).receivedAt(at).insertTimes(jdbc, n);
    }

    private UUID insertDelivery(String destination, int step, Instant due) {
        return Rows.aDelivery().to(destination).afterAttempts(step).due(due).createdAt(due).insert(jdbc);
    }

    private UUID insertDeliveryWithEvent(String destination, String status, Instant receivedAt) {
        return Rows.aDelivery().to(destination).withStatus(status).afterAttempts(1).createdAt(receivedAt).insert(jdbc);
    }

    private long count(String condition) {
        return jdbc.sql("SELECT count(*) FROM deliveries WHERE " + condition).query(Long.class).single();
    }

    private static AttemptResult ok(Instant at) {
        return new AttemptResult(at, Duration.ofMillis(5), 200, "2xx", "", null);
    }
}
