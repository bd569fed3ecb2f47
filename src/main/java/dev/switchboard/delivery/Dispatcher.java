package dev.switchboard.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts attempts, lane by lane, within each lane's free places and its breaker's permits: first the first
 * attempts handed over in memory (those it cannot start soon go back to the database), then, when a round
 * is asked to claim, what is due in the database. {@link #runOnce} is one round; the worker's thread calls
 * it in a loop, a test calls it step by step.
 */
final class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final String owner;
    private final Collection<Lane> lanes;
    private final Handoffs handoffs;
    private final DeliveryRepository repository;
    private final int batchSize;
    private final Clock clock;
    private final BiConsumer<Lane, ClaimedDelivery> attempt;
    /** The last claim took all it was allowed: more may be due, so a freed place should claim again. */
    private volatile boolean saturated;

    /** @param attempt makes one attempt, on another thread in production; its lane already counts it */
    Dispatcher(String owner, Collection<Lane> lanes, Handoffs handoffs, DeliveryRepository repository, int batchSize,
               Clock clock, BiConsumer<Lane, ClaimedDelivery> attempt) {
        this.owner = owner;
        this.lanes = lanes;
        this.handoffs = handoffs;
        this.repository = repository;
        this.batchSize = batchSize;
        this.clock = clock;
        this.attempt = attempt;
    }

    /**
     * One round: hand-overs first, then claims if {@code claim}.
     *
     * @return whether a claim came back full, so more may be due at once
     */
    boolean runOnce(boolean claim) {
        boolean full = false;
        boolean more = false;
        Instant now = clock.instant();
        for (Lane lane : lanes) {
            int free = lane.free();
            free -= startHandoffs(lane, free, now);
            full |= handoffs.waiting(lane.name()) > 0;
            if (!claim) {
                continue;
            }
            if (!lane.worthAClaim(free)) {
                full = true;
                continue;
            }
            int permits = lane.breaker().permits(now, Math.min(batchSize, free));
            if (permits <= 0) {
                // every place busy: a place freed by a finished attempt should claim again at once
                full |= free <= 0;
                continue;
            }
            List<ClaimedDelivery> claimed;
            try {
                claimed = repository.claim(lane.destination(), permits, owner, now);
            } catch (RuntimeException e) {
                lane.breaker().unused(permits);
                throw e;
            }
            if (claimed.isEmpty()) {
                lane.breaker().unused(permits);
            }
            full |= claimed.size() == permits;
            more |= claimed.size() == permits;
            claimed.forEach(delivery -> start(lane, delivery));
        }
        // a round without claims knows nothing new about the claims' need for places: keep what the last one found
        saturated = claim ? full : saturated || full;
        return more;
    }

    /** Whether a place freed now (by a finished call or a written result) should make the next round claim. */
    boolean saturated() {
        return saturated;
    }

    /** Gives every first attempt still waiting back to the database, for any node: this one is stopping. */
    void releaseHandoffs() {
        List<ClaimedDelivery> released = handoffs.takeAll();
        try {
            repository.release(released, owner, clock.instant());
        } catch (RuntimeException e) {
            log.warn("Could not give back {} first attempts; their leases will run out and any node will take them",
                    released.size(), e);
        }
    }

    /**
     * Starts handed-over first attempts while there are free places and the breaker allows. The overdue
     * ones, and all of them while the breaker is open, are released to the database for any node.
     *
     * @return how many started
     */
    private int startHandoffs(Lane lane, int free, Instant now) {
        if (handoffs.waiting(lane.name()) == 0) {
            return 0;
        }
        List<ClaimedDelivery> released = handoffs.takeOverdue(lane.destination(), now);
        int wanted = Math.min(free, handoffs.waiting(lane.name()));
        int permits = wanted > 0 ? lane.breaker().permits(now, wanted) : 0;
        int started = 0;
        ClaimedDelivery next;
        while (started < permits && (next = handoffs.next(lane.name())) != null) {
            start(lane, next);
            started++;
        }
        lane.breaker().unused(permits - started);
        if (wanted > 0 && permits == 0) {
            // the breaker is open: let them wait in the database, where its schedule and every node see them
            released.addAll(handoffs.takeAll(lane.name()));
        }
        if (!released.isEmpty()) {
            log.debug("Gave back {} first attempts for {} (free {}, breaker permits {})", released.size(), lane.name(),
                    free, permits);
            repository.release(released, owner, now);
        }
        return started;
    }

    private void start(Lane lane, ClaimedDelivery delivery) {
        lane.attemptStarted();
        attempt.accept(lane, delivery);
    }
}
