package dev.switchboard.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.switchboard.database.NodeIdentity;
import dev.switchboard.inbound.EventsStored;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Delivers. One dispatcher thread per node starts attempts (per destination, within its concurrency
 * cap and circuit breaker), runs each on a virtual thread, and writes the results back in batches.
 * <p>
 * First attempts of events this node received are handed over in memory: the trigger has already
 * leased them to this node, so they start without a claim. Everything else (retries, replays, events
 * stored some other way, leases of a dead node) is claimed from the database: when NOTIFY from another
 * node or a replay asks, while claims come back full, and at least every poll interval.
 */
@Component
class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final int MAX_COMPLETIONS_PER_WRITE = 1000;
    /** Results not yet written, per destination and node, at most this many times its concurrency. */
    private static final int UNRECORDED_PER_SLOT = 4;

    private final String owner;
    /**
     * Results wait this long for company before they are written, so one statement records several even
     * at a few hundred events a second. The delivery is made by then; only its record waits (a crash in
     * between redelivers it, with the same webhook-id). Not while the dispatcher waits for room.
     */
    private static final long RESULT_LINGER_MILLIS = 20;
    private final Destinations destinations;
    private final DeliveryRepository repository;
    private final WebhookSender sender;
    private final DeliveryMetrics metrics;
    private final DeliveryProperties properties;
    private final Clock clock;
    private final Semaphore wake = new Semaphore(0);
    private final AtomicBoolean claimWanted = new AtomicBoolean(true);
    private final Handoffs handoffs;
    private volatile boolean acceptingHandoffs;
    private final LinkedBlockingQueue<DeliveryRepository.Completion> completions = new LinkedBlockingQueue<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final Semaphore resultsReady = new Semaphore(0);
    private final Map<String, AtomicInteger> unrecorded = new ConcurrentHashMap<>();
    private ExecutorService attempts;
    private Thread dispatcher;
    private Thread recorder;
    private volatile boolean running;
    /** The last claim took all it was allowed: more may be due, so a freed slot should claim again. */
    private volatile boolean saturated;

    @Autowired
    DeliveryWorker(Destinations destinations, DeliveryRepository repository, WebhookSender sender, DeliveryMetrics metrics,
                   DeliveryProperties properties, Clock clock) {
        this(NodeIdentity.id(), destinations, repository, sender, metrics, properties, clock);
    }

    /** {@code owner} names the node in the leases it takes; tests run a second node in one JVM with it. */
    DeliveryWorker(String owner, Destinations destinations, DeliveryRepository repository, WebhookSender sender,
                   DeliveryMetrics metrics, DeliveryProperties properties, Clock clock) {
        this.owner = owner;
        this.destinations = destinations;
        this.repository = repository;
        this.sender = sender;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
        this.handoffs = new Handoffs(destinations.all());
        for (Destination d : destinations.all()) {
            inFlight.put(d.name(), new AtomicInteger());
            unrecorded.put(d.name(), new AtomicInteger());
            CircuitBreaker breaker = new CircuitBreaker(properties.breakerFailures(), properties.breakerOpenFor());
            breakers.put(d.name(), breaker);
            metrics.watch(d.name(), breaker, inFlight.get(d.name()));
        }
    }

    /** Runs on the event writer's thread: only queues, unless the worker is stopped. */
    @EventListener
    void eventsStored(EventsStored stored) {
        if (!owner.equals(NodeIdentity.id())) {
            return;
        }
        handoffs.add(stored.events(), destinations.all());
        if (acceptingHandoffs) {
            wake.release();
        } else {
            releaseHandoffs();
        }
    }

    /** Asks for a claim round now: something may be due in the database. */
    void wake() {
        claimWanted.set(true);
        wake.release();
    }

    String owner() {
        return owner;
    }

    CircuitBreaker breaker(String destination) {
        return breakers.get(destination);
    }

    private void loop() {
        long pollNanos = properties.pollInterval().toNanos();
        long lastClaim = System.nanoTime() - pollNanos;
        while (running) {
            try {
                boolean claim = claimWanted.getAndSet(false) || System.nanoTime() - lastClaim >= pollNanos;
                if (claim) {
                    lastClaim = System.nanoTime();
                }
                if (dispatch(claim)) {
                    claimWanted.set(true);
                    continue;
                }
                wake.tryAcquire(Math.max(0, pollNanos - (System.nanoTime() - lastClaim)), TimeUnit.NANOSECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the database may be away: keep the loop alive, back off, try again
                metrics.workerError();
                log.error("Delivery worker {} failed a round; retrying in 1 s", owner, e);
                try {
                    wake.tryAcquire(1, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * One round: hands-over first, then claims if {@code claim}.
     *
     * @return whether a claim came back full, so more may be due at once
     */
    private boolean dispatch(boolean claim) {
        boolean full = false;
        boolean more = false;
        Instant now = clock.instant();
        for (Destination destination : destinations.all()) {
            AtomicInteger busy = inFlight.get(destination.name());
            CircuitBreaker breaker = breakers.get(destination.name());
            int free = Math.min(destination.concurrency() - busy.get(),
                    destination.concurrency() * UNRECORDED_PER_SLOT - unrecorded.get(destination.name()).get());
            free -= startHandoffs(destination, free, now);
            full |= handoffs.waiting(destination.name()) > 0;
            if (!claim) {
                continue;
            }
            if (busy.get() > 0 && free < refillAt(destination)) {
                // refill in batches: a claim per freed slot would make the claims, not the calls, the limit
                full = true;
                continue;
            }
            int permits = breaker.permits(now, Math.min(properties.batchSize(), free));
            if (permits <= 0) {
                // every slot busy: a slot freed by a finished attempt should claim again at once
                full |= free <= 0;
                continue;
            }
            List<ClaimedDelivery> claimed;
            try {
                claimed = repository.claim(destination, permits, owner, now);
            } catch (RuntimeException e) {
                breaker.unused(permits);
                throw e;
            }
            if (claimed.isEmpty()) {
                breaker.unused(permits);
            }
            full |= claimed.size() == permits;
            more |= claimed.size() == permits;
            claimed.forEach(delivery -> start(destination, delivery));
        }
        // a round without claims knows nothing new about the claims' need for slots: keep what the last one found
        saturated = claim ? full : saturated || full;
        return more;
    }

    /**
     * Starts handed-over first attempts while there are free slots and the breaker allows. The overdue
     * ones, and all of them while the breaker is open, are released to the database for any node.
     *
     * @return how many started
     */
    private int startHandoffs(Destination destination, int free, Instant now) {
        if (handoffs.waiting(destination.name()) == 0) {
            return 0;
        }
        List<ClaimedDelivery> released = handoffs.takeOverdue(destination, now);
        int wanted = Math.min(free, handoffs.waiting(destination.name()));
        int permits = wanted > 0 ? breakers.get(destination.name()).permits(now, wanted) : 0;
        int started = 0;
        ClaimedDelivery next;
        while (started < permits && (next = handoffs.next(destination.name())) != null) {
            start(destination, next);
            started++;
        }
        breakers.get(destination.name()).unused(permits - started);
        if (wanted > 0 && permits == 0) {
            // the breaker is open: let them wait in the database, where its schedule and every node see them
            released.addAll(handoffs.takeAll(destination.name()));
        }
        if (!released.isEmpty()) {
            log.debug("Gave back {} first attempts for {} (free {}, breaker permits {})", released.size(), destination.name(),
                    free, permits);
            repository.release(released, owner, now);
        }
        return started;
    }

    private void start(Destination destination, ClaimedDelivery delivery) {
        inFlight.get(destination.name()).incrementAndGet();
        unrecorded.get(destination.name()).incrementAndGet();
        attempts.submit(() -> attempt(destination, delivery));
    }

    private void releaseHandoffs() {
        List<ClaimedDelivery> released = handoffs.takeAll();
        try {
            repository.release(released, owner, clock.instant());
        } catch (RuntimeException e) {
            log.warn("Could not give back {} first attempts; their leases will run out and any node will take them",
                    released.size(), e);
        }
    }

    private static int refillAt(Destination destination) {
        return Math.max(1, destination.concurrency() / 4);
    }

    private void attempt(Destination destination, ClaimedDelivery delivery) {
        MDC.put("delivery", delivery.id().toString());
        MDC.put("destination", destination.name());
        try {
            AttemptResult result = sender.send(destination, delivery);
            AttemptOutcome outcome = OutcomePolicy.decide(result, delivery.step(), destination.schedule(), clock.instant(),
                    ThreadLocalRandom.current());
            completions.add(new DeliveryRepository.Completion(delivery, result, outcome));
            resultsReady.release();
        } catch (RuntimeException e) {
            log.error("Attempt of delivery {} failed unexpectedly; its lease will expire and it will be tried again",
                    delivery.id(), e);
            unrecorded.get(destination.name()).decrementAndGet();
        } finally {
            // the slot is free as soon as the call is over; writing the result is the recorder's work
            inFlight.get(destination.name()).decrementAndGet();
            MDC.clear();
            if (saturated) {
                wake();
            }
        }
    }

    /** Writes results as they come, many per statement, off the dispatcher's path. */
    private void record() {
        while (running || !completions.isEmpty()) {
            try {
                if (resultsReady.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RESULT_LINGER_MILLIS);
                    long left;
                    while (running && !saturated && completions.size() < properties.batchSize()
                            && (left = until - System.nanoTime()) > 0) {
                        resultsReady.tryAcquire(left, TimeUnit.NANOSECONDS);
                    }
                }
                resultsReady.drainPermits();
                writeCompletions();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                metrics.workerError();
                log.error("Could not record delivery results; their leases will expire and they will be attempted again", e);
            }
        }
    }

    private void writeCompletions() {
        List<DeliveryRepository.Completion> batch = new ArrayList<>();
        completions.drainTo(batch, MAX_COMPLETIONS_PER_WRITE);
        if (batch.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        for (DeliveryRepository.Completion c : batch) {
            unrecorded.get(c.delivery().destination()).decrementAndGet();
            CircuitBreaker breaker = breakers.get(c.delivery().destination());
            if (OutcomePolicy.isRetryable(c.result())) {
                if (breaker.failed(now)) {
                    log.error("Destination {} failed {} attempts in a row ({}): circuit breaker open until {}, attempts paused",
                            c.delivery().destination(), properties.breakerFailures(), c.result().outcomeClass(), breaker.openUntil());
                }
            } else {
                breaker.succeeded();
            }
        }
        // if this write fails, the leases run out and the deliveries are attempted again: at least once
        Set<UUID> written = repository.complete(batch, owner);
        if (saturated) {
            // written results free places the dispatcher may be waiting for
            wake();
        }
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
    }

    @Override
    public void start() {
        attempts = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("delivery-attempt-", 0).factory());
        running = true;
        acceptingHandoffs = true;
        dispatcher = Thread.ofPlatform().name("delivery-dispatcher").start(this::loop);
        recorder = Thread.ofPlatform().name("delivery-recorder").start(this::record);
        log.info("Delivery worker {} started for {}", owner, destinations.all().stream().map(Destination::name).toList());
    }

    /** Lets attempts in flight finish and records them; what is left is picked up when leases expire. */
    @Override
    public void stop() {
        running = false;
        acceptingHandoffs = false;
        wake.release();
        try {
            dispatcher.join(5_000);
            releaseHandoffs();
            attempts.shutdown();
            if (!attempts.awaitTermination(10, TimeUnit.SECONDS)) {
                attempts.shutdownNow();
            }
            resultsReady.release();
            recorder.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Could not record the last attempts on shutdown; they will be attempted again", e);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts after, and stops before, the event writer (phase 0). */
    @Override
    public int getPhase() {
        return 100;
    }
}
