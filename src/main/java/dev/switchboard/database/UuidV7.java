package dev.switchboard.database;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Time-ordered UUIDs (RFC 9562 version 7). Rows inserted at a high rate then land at the right edge of
 * their primary-key index instead of all over it, which keeps the index and the WAL small.
 */
public final class UuidV7 {

    private UuidV7() {
    }

    public static UUID next(Clock clock) {
        long millis = clock.millis();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long randA = random.nextInt(1 << 12);
        long msb = (millis << 16) | (0x7L << 12) | randA;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
