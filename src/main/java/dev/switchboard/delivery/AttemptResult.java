package dev.switchboard.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * What one HTTP try of a delivery did.
 *
 * @param statusCode  the HTTP status, or null when no response came
 * @param outcomeClass {@code 2xx 3xx 4xx 5xx timeout connect tls io}: what became of it, success included
 * @param excerpt     the first 4 KB of the response body
 * @param retryAfter  the wait the destination asked for with {@code Retry-After}, or null
 */
record AttemptResult(Instant startedAt, Duration duration, Integer statusCode, String outcomeClass, String excerpt,
                     Duration retryAfter) {

    static AttemptResult failed(Instant startedAt, Duration duration, String outcomeClass, String message) {
        return new AttemptResult(startedAt, duration, null, outcomeClass, message, null);
    }

    boolean succeeded() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }
}
