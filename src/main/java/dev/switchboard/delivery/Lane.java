package dev.switchboard.delivery;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One destination on this node: its circuit breaker, its attempts in flight and its results not yet
 * written. The dispatcher starts attempts only in the places a lane has free; a finished call gives its
 * place back at once, its written result gives back the place it held among the unwritten ones.
 */
final class Lane {

    /** Results not yet written, per destination, at most this many times its concurrency. */
    static final int UNRECORDED_PER_SLOT = 4;

    private final Destination destination;
    private final CircuitBreaker breaker;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger unrecorded = new AtomicInteger();

    Lane(Destination destination, CircuitBreaker breaker) {
        this.destination = destination;
        this.breaker = breaker;
    }

    Destination destination() {
        return destination;
    }

    String name() {
        return destination.name();
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    /** The attempts in flight, for the gauge. */
    AtomicInteger inFlight() {
        return inFlight;
    }

    /** Places for new attempts now: below the concurrency cap, and below the cap on results not yet written. */
    int free() {
        return Math.min(destination.concurrency() - inFlight.get(),
                destination.concurrency() * UNRECORDED_PER_SLOT - unrecorded.get());
    }

    /**
     * Whether a claim for {@code free} places is worth its statement: claims refill a busy lane in batches,
     * since a claim per freed place would make the claims, not the calls, the limit.
     */
    boolean worthAClaim(int free) {
        return inFlight.get() == 0 || free >= Math.max(1, destination.concurrency() / 4);
    }

    void attemptStarted() {
        inFlight.incrementAndGet();
        unrecorded.incrementAndGet();
    }

    /** The call is over: its place is free, whatever becomes of its result. */
    void callEnded() {
        inFlight.decrementAndGet();
    }

    /** Its result was taken for writing, or there is none to write. */
    void resultTaken() {
        unrecorded.decrementAndGet();
    }
}
