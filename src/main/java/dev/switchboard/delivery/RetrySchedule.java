package dev.switchboard.delivery;

import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * When the next attempt of a delivery is due. {@code delays.get(n)} is the wait before attempt n+1;
 * after the last one the delivery is dead. Every wait but the first gets ±20 % jitter, so deliveries
 * that failed together do not come back together.
 */
record RetrySchedule(List<Duration> delays) {

    static final double JITTER = 0.20;

    enum Preset {
        /** Svix's schedule: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (about 28 hours in all). */
        SVIX(List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
                Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10))),
        /** The old pipeline's: immediately, then 1 s, 2 s, 4 s. */
        LEGACY(List.of(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)));

        private final RetrySchedule schedule;

        Preset(List<Duration> delays) {
            this.schedule = new RetrySchedule(delays);
        }

        RetrySchedule schedule() {
            return schedule;
        }
    }

    int attempts() {
        return delays.size();
    }

    boolean hasAttemptAfter(int attemptsMade) {
        return attemptsMade < delays.size();
    }

    /** The wait after {@code attemptsMade} failed attempts, jittered; only call when there is one. */
    Duration delayAfter(int attemptsMade, RandomGenerator random) {
        Duration base = delays.get(attemptsMade);
        if (base.isZero()) {
            return base;
        }
        double factor = 1 + (random.nextDouble() * 2 - 1) * JITTER;
        return Duration.ofMillis(Math.round(base.toMillis() * factor));
    }

    Duration longest() {
        return delays.stream().max(Duration::compareTo).orElse(Duration.ZERO);
    }
}
