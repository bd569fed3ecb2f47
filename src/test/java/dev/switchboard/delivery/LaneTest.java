package dev.switchboard.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A destination's places on one node: calls in flight, results not yet written, claims in batches. */
class LaneTest {

    private final Lane lane = new Lane(new Destination("agent", URI.create("http://127.0.0.1:9/"), List.of(), null,
            Duration.ofSeconds(10), RetrySchedule.Preset.SVIX.schedule(), 8, 1), new CircuitBreaker(10, Duration.ofSeconds(30)));

    @Test
    void each_attempt_takes_a_place_that_its_finished_call_gives_back_before_its_result_is_written() {
        assertThat(lane.free()).isEqualTo(8);

        for (int i = 0; i < 3; i++) {
            lane.attemptStarted();
        }
        assertThat(lane.free()).isEqualTo(5);

        lane.callEnded();
        assertThat(lane.free()).as("the call is over, its result still unwritten").isEqualTo(6);
    }

    @Test
    void results_not_yet_written_are_capped_at_four_per_place() {
        for (int i = 0; i < 8 * Lane.UNRECORDED_PER_SLOT; i++) {
            lane.attemptStarted();
            lane.callEnded();
        }
        assertThat(lane.free()).as("every call over, but 32 results wait to be written").isZero();

        lane.resultTaken();
        assertThat(lane.free()).isEqualTo(1);
    }

    @Test
    void a_busy_lane_is_refilled_by_claims_in_batches_and_an_idle_one_at_once() {
        assertThat(lane.worthAClaim(1)).as("nothing in flight").isTrue();

        lane.attemptStarted();

        assertThat(lane.worthAClaim(1)).as("one place of eight free").isFalse();
        assertThat(lane.worthAClaim(2)).as("a quarter free").isTrue();
    }
}
