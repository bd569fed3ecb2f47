package dev.switchboard.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private static final Instant T0 = Instant.parse("2026-07-20T10:00:00Z");
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(30));

    @Test
    void a_run_of_failures_opens_it_and_an_open_breaker_claims_nothing() {
        breaker.failed(T0);
        breaker.failed(T0);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);

        breaker.failed(T0);

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.permits(T0.plusSeconds(29), 10)).isZero();
    }

    @Test
    void a_success_between_failures_resets_the_run() {
        breaker.failed(T0);
        breaker.failed(T0);
        breaker.succeeded();
        breaker.failed(T0);

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void after_the_pause_one_probe_goes_out_and_its_success_closes_it() {
        open();

        assertThat(breaker.permits(T0.plusSeconds(30), 10)).isEqualTo(1);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(breaker.permits(T0.plusSeconds(31), 10)).as("one probe at a time").isZero();

        breaker.succeeded();

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.permits(T0.plusSeconds(31), 10)).isEqualTo(10);
    }

    @Test
    void a_failed_probe_opens_it_again_for_twice_as_long() {
        open();
        breaker.permits(T0.plusSeconds(30), 10);

        breaker.failed(T0.plusSeconds(30));

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.openUntil()).isEqualTo(T0.plusSeconds(30 + 60));
    }

    @Test
    void an_unused_probe_is_given_back() {
        open();
        breaker.permits(T0.plusSeconds(30), 10);

        breaker.unused(1);

        assertThat(breaker.permits(T0.plusSeconds(31), 10)).isEqualTo(1);
    }

    private void open() {
        for (int i = 0; i < 3; i++) {
            breaker.failed(T0);
        }
    }
}
