package dev.switchboard.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutcomePolicyTest {

    private static final Instant NOW = Instant.parse("2026-07-20T10:00:00Z");
    private static final RetrySchedule SVIX = RetrySchedule.Preset.SVIX.schedule();
    private final Random random = new Random(7);

    @Test
    void two_hundreds_are_delivered() {
        assertThat(decide(204, null, 1)).isEqualTo(new AttemptOutcome.Delivered());
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 425, 429, 500, 502, 503, 504})
    void retryable_statuses_are_tried_again(int status) {
        assertThat(decide(status, null, 1)).isInstanceOf(AttemptOutcome.RetryLater.class);
    }

    @Test
    void the_breaker_counts_exactly_the_failures_that_are_retried() {
        for (int status : new int[] {408, 425, 429, 500, 503}) {
            assertThat(OutcomePolicy.isRetryable(result(status, null))).as("%d", status).isTrue();
        }
        for (int status : new int[] {200, 204, 301, 400, 404, 410, 422}) {
            assertThat(OutcomePolicy.isRetryable(result(status, null))).as("%d", status).isFalse();
        }
        assertThat(OutcomePolicy.isRetryable(AttemptResult.failed(NOW, Duration.ZERO, "connect", "refused"))).isTrue();
    }

    @Test
    void no_response_at_all_is_tried_again() {
        var result = AttemptResult.failed(NOW, Duration.ofSeconds(10), "timeout", "timed out");

        assertThat(OutcomePolicy.decide(result, 1, SVIX, NOW, random)).isInstanceOf(AttemptOutcome.RetryLater.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 400, 401, 403, 404, 413, 422})
    void other_client_errors_are_dead_at_once(int status) {
        assertThat(decide(status, null, 1)).isEqualTo(new AttemptOutcome.Dead(false));
    }

    @Test
    void gone_is_dead_and_flags_the_destination() {
        assertThat(decide(410, null, 1)).isEqualTo(new AttemptOutcome.Dead(true));
    }

    @Test
    void the_last_step_of_the_schedule_ends_in_dead() {
        assertThat(decide(503, null, SVIX.attempts())).isEqualTo(new AttemptOutcome.Dead(false));
        assertThat(decide(503, null, SVIX.attempts() - 1)).isInstanceOf(AttemptOutcome.RetryLater.class);
    }

    @Test
    void each_step_waits_its_svix_delay_within_twenty_percent() {
        Duration[] expected = {Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2),
                Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10)};
        for (int step = 1; step < SVIX.attempts(); step++) {
            for (int sample = 0; sample < 200; sample++) {
                Duration wait = waitAfter(decide(500, null, step));
                Duration base = expected[step - 1];
                assertThat(wait).isBetween(base.multipliedBy(80).dividedBy(100), base.multipliedBy(120).dividedBy(100));
            }
        }
    }

    @Test
    void jitter_spreads_the_retries() {
        var waits = java.util.stream.IntStream.range(0, 100).mapToObj(i -> waitAfter(decide(500, null, 2))).distinct().count();

        assertThat(waits).isGreaterThan(50);
    }

    @Test
    void legacy_preset_retries_after_one_two_and_four_seconds() {
        RetrySchedule legacy = RetrySchedule.Preset.LEGACY.schedule();

        assertThat(legacy.delays()).containsExactly(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(OutcomePolicy.decide(result(500, null), 4, legacy, NOW, random)).isEqualTo(new AttemptOutcome.Dead(false));
    }

    @Test
    void retry_after_longer_than_the_step_is_honoured_for_429_and_503() {
        assertThat(waitAfter(decide(429, Duration.ofMinutes(2), 1))).isEqualTo(Duration.ofMinutes(2));
        assertThat(waitAfter(decide(503, Duration.ofMinutes(2), 1))).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void retry_after_never_shortens_the_schedule() {
        Duration wait = waitAfter(decide(429, Duration.ofSeconds(1), 2));

        assertThat(wait).isGreaterThanOrEqualTo(Duration.ofMinutes(4));
    }

    @Test
    void retry_after_is_capped_at_the_longest_step() {
        assertThat(waitAfter(decide(503, Duration.ofDays(3), 1))).isEqualTo(Duration.ofHours(10));
    }

    @Test
    void retry_after_on_other_statuses_is_ignored() {
        assertThat(waitAfter(decide(500, Duration.ofHours(1), 1))).isLessThan(Duration.ofSeconds(7));
    }

    @Test
    void retry_after_reads_seconds_and_http_dates() {
        assertThat(RetryAfter.parse("120", NOW)).isEqualTo(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse("Mon, 20 Jul 2026 10:05:00 GMT", NOW)).isEqualTo(Duration.ofMinutes(5));
        assertThat(RetryAfter.parse("Mon, 20 Jul 2026 09:05:00 GMT", NOW)).isNull();
        assertThat(RetryAfter.parse("soon", NOW)).isNull();
        assertThat(RetryAfter.parse(null, NOW)).isNull();
    }

    private AttemptOutcome decide(int status, Duration retryAfter, int attemptsMade) {
        return OutcomePolicy.decide(result(status, retryAfter), attemptsMade, SVIX, NOW, random);
    }

    private static AttemptResult result(int status, Duration retryAfter) {
        return new AttemptResult(NOW, Duration.ofMillis(12), status, status / 100 + "xx", "", retryAfter);
    }

    private static Duration waitAfter(AttemptOutcome outcome) {
        assertThat(outcome).isInstanceOf(AttemptOutcome.RetryLater.class);
        return Duration.between(NOW, ((AttemptOutcome.RetryLater) outcome).at());
    }
}
