package dev.switchboard.refusal;

import java.time.Duration;

/** Too many requests from one client; {@link #retryAfter()} says when the next one will be taken. */
public final class RateLimited extends Refusal {

    private final Duration retryAfter;

    public RateLimited(Duration retryAfter) {
        super("rate-limited", "Too many requests from your address; try again in " + Math.max(1, retryAfter.toSeconds()) + " s.");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
