package dev.switchboard.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes attempt results, many per statement, off the dispatcher's path: the breakers learn of them, the
 * deliveries move on where this node still holds their claim, metrics and logs follow. {@link #runOnce}
 * writes what has come; the worker's thread runs {@link #run}, which first lets results wait a little for
 * company.
 */
final class Recorder {

    private static final Logger log = LoggerFactory.getLogger(Recorder.class);
    private static final int MAX_PER_WRITE = 1000;
    /**
     * Results wait this long for company before they are written, so one statement records several even
     * at a few hundred events a second. The delivery is made by then; only its record waits (a crash in
     * between redelivers it, with the same webhook-id). Not while the dispatcher waits for room.
     */
    private static final long LINGER_MILLIS = 20;

    private final String owner;
    private final Map<String, Lane> lanes;
    private final DeliveryRepository repository;
    private final Destinations destinations;
    private final DeliveryMetrics metrics;
    private final DeliveryProperties properties;
    private final Clock clock;
    private final LinkedBlockingQueue<DeliveryRepository.Completion> completions = new LinkedBlockingQueue<>();
    private final Semaphore ready = new Semaphore(0);

    Recorder(String owner, Map<String, Lane> lanes, DeliveryRepository repository, Destinations destinations,
             DeliveryMetrics metrics, DeliveryProperties properties, Clock clock) {
        this.owner = owner;
        this.lanes = lanes;
        this.repository = repository;
        this.destinations = destinations;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
    }

    /** From an attempt's thread: its result, to be written. */
    void add(DeliveryRepository.Completion completion) {
        completions.add(completion);
        ready.release();
    }

    /** Ends the wait of {@link #run}, to write what is left and notice it should stop. */
    void wakeUp() {
        ready.release();
    }

    /**
     * Writes results as they come until {@code running} turns false and none is left.
     *
     * @param saturated while true the dispatcher waits for places, so results do not wait for company
     * @param written   after each write: places were freed
     */
    void run(BooleanSupplier running, BooleanSupplier saturated, Runnable written) {
        while (running.getAsBoolean() || !completions.isEmpty()) {
            try {
                if (ready.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS);
                    long left;
                    while (running.getAsBoolean() && !saturated.getAsBoolean() && completions.size() < properties.batchSize()
                            && (left = until - System.nanoTime()) > 0) {
                        ready.tryAcquire(left, TimeUnit.NANOSECONDS);
                    }
                }
                ready.drainPermits();
                if (runOnce() > 0) {
                    written.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                metrics.workerError();
                log.error("Could not record delivery results; their leases will expire and they will be attempted again", e);
            }
        }
    }

    /** Writes the results that have come, up to a thousand. @return how many were taken */
    int runOnce() {
        List<DeliveryRepository.Completion> batch = new ArrayList<>();
        completions.drainTo(batch, MAX_PER_WRITE);
        if (batch.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        for (DeliveryRepository.Completion c : batch) {
            Lane lane = lanes.get(c.delivery().destination());
            lane.resultTaken();
            if (OutcomePolicy.isRetryable(c.result())) {
                if (lane.breaker().failed(now)) {
                    log.error("Destination {} failed {} attempts in a row ({}): circuit breaker open until {}, attempts paused",
                            lane.name(), properties.breakerFailures(), c.result().outcomeClass(), lane.breaker().openUntil());
                }
            } else {
                lane.breaker().succeeded();
            }
        }
        // if this write fails, the leases run out and the deliveries are attempted again: at least once
        Set<UUID> written = repository.complete(batch, owner);
        for (DeliveryRepository.Completion c : batch) {
            if (!written.contains(c.delivery().id())) {
                log.debug("Delivery {} was claimed by another node meanwhile; its result here is dropped", c.delivery().id());
                continue;
            }
            metrics.attempted(c, now);
            switch (c.outcome()) {
                case AttemptOutcome.Delivered() -> { }
                case AttemptOutcome.RetryLater(var at) -> log.debug("Delivery {} to {} failed ({}), next attempt at {}",
                        c.delivery().id(), c.delivery().destination(), c.result().outcomeClass(), at);
                case AttemptOutcome.Dead(var gone) -> {
                    log.warn("Delivery {} of event {} to {} is dead after {} attempt(s): {}", c.delivery().id(),
                            c.delivery().eventType(), c.delivery().destination(), c.delivery().step(), c.result().outcomeClass());
                    if (gone) {
                        destinations.flag(c.delivery().destination(), "answered 410 Gone to delivery " + c.delivery().id());
                    }
                }
            }
        }
        return batch.size();
    }
}
