package dev.switchboard.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Which failures are worth another attempt and when. Retried: 408, 425, 429, 5xx, timeouts, connection
 * and TLS errors. Dead at once: any other 3xx or 4xx (a request the destination will never take), and
 * 410, which also flags the destination. 429 and 503 may say when to come back (Retry-After): never
 * sooner than the schedule's next step, never later than its longest.
 */
final class OutcomePolicy {

    private static final Set<Integer> RETRYABLE = Set.of(408, 425, 429);
    private static final Set<Integer> HONOUR_RETRY_AFTER = Set.of(429, 503);

    private OutcomePolicy() {
    }

    /** @param attemptsMade attempts in this run of the schedule, this one included */
    static AttemptOutcome decide(AttemptResult result, int attemptsMade, RetrySchedule schedule, Instant now,
                                 RandomGenerator random) {
        if (result.succeeded()) {
            return new AttemptOutcome.Delivered();
        }
        Integer status = result.statusCode();
        if (!isRetryable(result)) {
            return new AttemptOutcome.Dead(status == 410);
        }
        if (!schedule.hasAttemptAfter(attemptsMade)) {
            return new AttemptOutcome.Dead(false);
        }
        Duration wait = schedule.delayAfter(attemptsMade, random);
        if (status != null && HONOUR_RETRY_AFTER.contains(status) && result.retryAfter() != null
                && result.retryAfter().compareTo(wait) > 0) {
            wait = min(result.retryAfter(), schedule.longest());
        }
        return new AttemptOutcome.RetryLater(now.plus(wait));
    }

    /** A failure another attempt may cure; the circuit breaker counts these as the destination failing. */
    static boolean isRetryable(AttemptResult result) {
        Integer status = result.statusCode();
        return !result.succeeded() && (status == null || status >= 500 || RETRYABLE.contains(status));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
