package dev.switchboard.chatwoot;

import java.util.function.LongSupplier;

/**
 * Spaces calls evenly: at most {@code perMinute}, one every {@code 60 s / perMinute}, with no burst
 * beyond one. A reservation says how long the caller must wait first; nothing here sleeps.
 */
final class RateLimiter {

    private final long spacingNanos;
    private final LongSupplier nanoTime;
    private long nextFree;
    private boolean used;

    RateLimiter(int perMinute, LongSupplier nanoTime) {
        this.spacingNanos = 60_000_000_000L / perMinute;
        this.nanoTime = nanoTime;
    }

    /** Takes the next slot. @return nanoseconds to wait before the call may go */
    synchronized long reserve() {
        long now = nanoTime.getAsLong();
        if (!used || nextFree - now < 0) {
            nextFree = now;
            used = true;
        }
        long wait = nextFree - now;
        nextFree += spacingNanos;
        return wait;
    }
}
