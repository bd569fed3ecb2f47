package dev.switchboard.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.switchboard.support.IntegrationTest;
import dev.switchboard.support.Rows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The recorder driven one write at a time ({@code runOnce}), on real PostgreSQL: results of deliveries a
 * dispatcher round claimed, written in one statement.
 */
@IntegrationTest
class RecorderTest extends DeliveryTestSupport {

    /** Not configured on the running workers, so only these rounds take its deliveries. */
    private static final Destination OFFLINE = new Destination("recorder-test", URI.create("http://127.0.0.1:9/"), List.of(),
            Set.of(), Duration.ofSeconds(10), RetrySchedule.Preset.SVIX.schedule(), 4, 0);

    @Autowired
    DeliveryRepository repository;
    @Autowired
    Destinations destinations;
    @Autowired
    DeliveryMetrics metrics;
    @Autowired
    DeliveryProperties properties;

    final List<ClaimedDelivery> started = new ArrayList<>();
    Lane lane;
    Dispatcher dispatcher;
    Recorder recorder;

    @BeforeEach
    void oneLane() {
        lane = new Lane(OFFLINE, new CircuitBreaker(2, Duration.ofSeconds(30)));
        dispatcher = new Dispatcher("test-node", List.of(lane), new Handoffs(List.of(OFFLINE)), repository, 200, clock,
                (lane, delivery) -> started.add(delivery));
        recorder = new Recorder("test-node", Map.of(OFFLINE.name(), lane), repository, destinations, metrics, properties, clock);
    }

    @Test
    void results_are_written_together_and_give_their_places_back() {
        Instant now = clock.instant();
        UUID first = Rows.aDelivery().to(OFFLINE.name()).createdAt(now.minusSeconds(1)).insert(jdbc);
        UUID second = Rows.aDelivery().to(OFFLINE.name()).createdAt(now.minusSeconds(1)).insert(jdbc);
        dispatcher.runOnce(true);
        assertThat(started).extracting(ClaimedDelivery::id).containsExactlyInAnyOrder(first, second);

        for (ClaimedDelivery delivery : started) {
            boolean ok = delivery.id().equals(first);
            AttemptResult result = new AttemptResult(now, Duration.ofMillis(5), ok ? 200 : 503, ok ? "2xx" : "5xx", "", null);
            recorder.add(new DeliveryRepository.Completion(delivery, result,
                    ok ? new AttemptOutcome.Delivered() : new AttemptOutcome.RetryLater(now.plusSeconds(5))));
            lane.callEnded();
        }

        assertThat(recorder.runOnce()).isEqualTo(2);
        assertThat(recorder.runOnce()).as("nothing left").isZero();
        assertThat(deliveryStatus(first)).isEqualTo("DELIVERED");
        assertThat(deliveryStatus(second)).isEqualTo("PENDING");
        assertThat(lane.free()).as("every place back").isEqualTo(4);
    }

    @Test
    void failures_written_up_to_the_threshold_open_the_destinations_breaker() {
        Instant now = clock.instant();
        for (int i = 0; i < 2; i++) {
            Rows.aDelivery().to(OFFLINE.name()).createdAt(now.minusSeconds(1)).insert(jdbc);
        }
        dispatcher.runOnce(true);
        for (ClaimedDelivery delivery : started) {
            recorder.add(new DeliveryRepository.Completion(delivery,
                    new AttemptResult(now, Duration.ofMillis(5), 503, "5xx", "", null), new AttemptOutcome.RetryLater(now.plusSeconds(5))));
            lane.callEnded();
        }
        assertThat(lane.breaker().state()).as("nothing written yet").isEqualTo(CircuitBreaker.State.CLOSED);

        recorder.runOnce();

        assertThat(lane.breaker().state()).as("two failures, threshold two").isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(lane.breaker().permits(now, 4)).isZero();
    }

    private String deliveryStatus(UUID id) {
        return jdbc.sql("SELECT status FROM deliveries WHERE id = :id").param("id", id).query(String.class).single();
    }
}
