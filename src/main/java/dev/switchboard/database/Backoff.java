package dev.switchboard.database;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The wait before a queued item's next try: {@code first}, doubling with every failure up to
 * {@code longest}, with ±20 % jitter so items that failed together do not come back together.
 */
public record Backoff(Duration first, Duration longest) {

    public Duration after(int failures) {
        long factor = 1L << Math.min(20, Math.max(0, failures - 1));
        Duration base = first.multipliedBy(factor);
        if (base.compareTo(longest) > 0 || base.isNegative()) {
            base = longest;
        }
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis((long) (base.toMillis() * jitter));
    }
}
