package dev.switchboard.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.switchboard.support.IntegrationTest;
import dev.switchboard.support.Rows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The dispatcher driven one round at a time ({@code runOnce}), on real PostgreSQL, with attempts made on
 * the test's thread: no waiting, no other node.
 */
@IntegrationTest
class DispatcherTest extends DeliveryTestSupport {

    /** Not configured on the running workers, so only these rounds take its deliveries. */
    private static final Destination OFFLINE = new Destination("dispatcher-test", URI.create("http://127.0.0.1:9/"), List.of(),
            Set.of(), Duration.ofSeconds(10), RetrySchedule.Preset.SVIX.schedule(), 4, 0);

    @Autowired
    DeliveryRepository repository;

    final List<ClaimedDelivery> started = new ArrayList<>();
    Lane lane;
    Dispatcher dispatcher;

    @BeforeEach
    void oneLane() {
        lane = new Lane(OFFLINE, new CircuitBreaker(2, Duration.ofSeconds(30)));
        dispatcher = new Dispatcher("test-node", List.of(lane), new Handoffs(List.of(OFFLINE)), repository, 200, clock,
                (lane, delivery) -> started.add(delivery));
    }

    @Test
    void a_round_claims_only_as_many_as_the_lane_has_places_and_the_next_waits_for_them() {
        for (int i = 0; i < 10; i++) {
            Rows.aDelivery().to(OFFLINE.name()).createdAt(clock.instant().minusSeconds(1)).insert(jdbc);
        }

        boolean more = dispatcher.runOnce(true);

        assertThat(started).hasSize(4);
        assertThat(more).as("the claim came back full: more may be due").isTrue();
        assertThat(dispatcher.runOnce(true)).isFalse();
        assertThat(started).as("no place free, nothing claimed").hasSize(4);
        assertThat(dispatcher.saturated()).as("a freed place should claim again").isTrue();

        started.forEach(delivery -> lane.callEnded());
        dispatcher.runOnce(true);

        assertThat(started).hasSize(8).doesNotHaveDuplicates();
    }

    @Test
    void a_round_without_a_claim_reads_nothing_from_the_database() {
        Rows.aDelivery().to(OFFLINE.name()).createdAt(clock.instant().minusSeconds(1)).insert(jdbc);

        dispatcher.runOnce(false);

        assertThat(started).isEmpty();
        dispatcher.runOnce(true);
        assertThat(started).hasSize(1);
    }

}
