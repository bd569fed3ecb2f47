package dev.switchboard.chatwoot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RateLimiter limiter = new RateLimiter(600, now::get);

    @Test
    void calls_are_spaced_evenly_at_the_rate_with_no_burst() {
        assertThat(limiter.reserve()).as("the first goes at once").isZero();
        assertThat(limiter.reserve()).as("600 a minute: one every 100 ms").isEqualTo(100_000_000L);
        assertThat(limiter.reserve()).isEqualTo(200_000_000L);
    }

    @Test
    void idle_time_is_not_saved_up_for_a_burst() {
        limiter.reserve();
        now.addAndGet(60_000_000_000L);

        assertThat(limiter.reserve()).isZero();
        assertThat(limiter.reserve()).as("after a long pause, still one every 100 ms").isEqualTo(100_000_000L);
    }
}
