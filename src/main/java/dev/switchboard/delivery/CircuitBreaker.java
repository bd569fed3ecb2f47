package dev.switchboard.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * Per destination and node: a run of failed attempts opens it, and an open breaker claims nothing for
 * that destination (its deliveries wait, using up none of their attempts). After a pause one probe
 * goes out (half-open): success closes it, failure opens it again for twice as long, up to 16 times
 * the pause.
 */
final class CircuitBreaker {

    enum State {
        CLOSED, HALF_OPEN, OPEN;

        /** As health and the API show it: closed, half-open, open. */
        String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    private final int failureThreshold;
    private final Duration openFor;
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private int timesOpened;
    private Instant openUntil = Instant.MIN;
    private boolean probeInFlight;

    CircuitBreaker(int failureThreshold, Duration openFor) {
        this.failureThreshold = failureThreshold;
        this.openFor = openFor;
    }

    /** How many attempts may start now, given how many the destination's cap would allow. */
    synchronized int permits(Instant now, int wanted) {
        if (state == State.OPEN && !now.isBefore(openUntil)) {
            state = State.HALF_OPEN;
        }
        return switch (state) {
            case CLOSED -> wanted;
            case OPEN -> 0;
            case HALF_OPEN -> {
                if (probeInFlight || wanted == 0) {
                    yield 0;
                }
                probeInFlight = true;
                yield 1;
            }
        };
    }

    /** A claim asked for permits but found nothing due: release an unused probe. */
    synchronized void unused(int permits) {
        if (state == State.HALF_OPEN && permits > 0) {
            probeInFlight = false;
        }
    }

    synchronized void succeeded() {
        state = State.CLOSED;
        consecutiveFailures = 0;
        timesOpened = 0;
        probeInFlight = false;
    }

    /** @return true when this failure opened the breaker */
    synchronized boolean failed(Instant now) {
        consecutiveFailures++;
        if (state == State.OPEN || (state == State.CLOSED && consecutiveFailures < failureThreshold)) {
            return false;
        }
        timesOpened = Math.min(timesOpened + 1, 5);
        state = State.OPEN;
        openUntil = now.plus(openFor.multipliedBy(1L << (timesOpened - 1)));
        probeInFlight = false;
        return true;
    }

    synchronized State state() {
        return state;
    }

    synchronized Instant openUntil() {
        return openUntil;
    }
}
