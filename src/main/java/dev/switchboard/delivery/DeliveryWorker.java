package dev.switchboard.delivery;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.switchboard.database.NodeIdentity;
import dev.switchboard.inbound.EventsStored;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;

/**
 * Delivers, on one node: a {@link Lane} per destination, a {@link Dispatcher} thread that starts attempts
 * within the lanes, each attempt on a virtual thread, and a {@link Recorder} thread that writes the results
 * in batches.
 * <p>
 * First attempts of events this node received are handed over in memory: the trigger has already leased
 * them to this node, so they start without a claim. Everything else (retries, replays, events stored some
 * other way, leases of a dead node) is claimed from the database: when NOTIFY from another node or a replay
 * asks, while claims come back full, and at least every poll interval.
 */
class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final String owner;
    private final Destinations destinations;
    private final WebhookSender sender;
    private final DeliveryMetrics metrics;
    private final DeliveryProperties properties;
    private final Clock clock;
    private final Map<String, Lane> lanes = new LinkedHashMap<>();
    private final Handoffs handoffs;
    private final Dispatcher dispatcher;
    private final Recorder recorder;
    private final Semaphore wake = new Semaphore(0);
    private final AtomicBoolean claimWanted = new AtomicBoolean(true);
    private volatile boolean acceptingHandoffs;
    private volatile boolean running;
    private ExecutorService attemptThreads;
    /** Where attempts run: virtual threads while the worker runs, the caller's thread in {@link #runOnce()}. */
    private volatile Executor attempts;
    private Thread dispatching;
    private Thread recording;

    /** @param owner names this node in the leases it takes ({@link NodeIdentity#id()}; tests run a second node) */
    DeliveryWorker(String owner, Destinations destinations, DeliveryRepository repository, WebhookSender sender,
                   DeliveryMetrics metrics, DeliveryProperties properties, Clock clock) {
        this.owner = owner;
        this.destinations = destinations;
        this.sender = sender;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
        for (Destination destination : destinations.all()) {
            Lane lane = new Lane(destination, new CircuitBreaker(properties.breakerFailures(), properties.breakerOpenFor()));
            lanes.put(destination.name(), lane);
            metrics.watch(destination.name(), lane.breaker(), lane.inFlight());
        }
        this.handoffs = new Handoffs(destinations.all());
        this.dispatcher = new Dispatcher(owner, lanes.values(), handoffs, repository, properties.batchSize(), clock,
                (lane, delivery) -> attempts.execute(() -> attempt(lane, delivery)));
        this.recorder = new Recorder(owner, lanes, repository, destinations, metrics, properties, clock);
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
            dispatcher.releaseHandoffs();
        }
    }

    /** Asks for a claim round now: something may be due in the database. */
    void wake() {
        claimWanted.set(true);
        wake.release();
    }

    /**
     * One round on the caller's thread, for tests that drive delivery step by step instead of waiting for
     * it: the first attempts handed over and everything due is attempted, one after another, and the
     * results are written. Only while the worker's own threads are stopped.
     *
     * @return how many results were written
     */
    int runOnce() {
        if (running) {
            throw new IllegalStateException("the worker's own threads are running: stop it first");
        }
        attempts = Runnable::run;
        try {
            // first attempts that arrived meanwhile were given back to the database (the worker is stopped): claimed here
            dispatcher.runOnce(true);
        } finally {
            attempts = attemptThreads;
        }
        return recorder.runOnce();
    }

    CircuitBreaker breaker(String destination) {
        return lanes.get(destination).breaker();
    }

    private void dispatch() {
        long pollNanos = properties.pollInterval().toNanos();
        long lastClaim = System.nanoTime() - pollNanos;
        while (running) {
            try {
                boolean claim = claimWanted.getAndSet(false) || System.nanoTime() - lastClaim >= pollNanos;
                if (claim) {
                    lastClaim = System.nanoTime();
                }
                if (dispatcher.runOnce(claim)) {
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

    private void attempt(Lane lane, ClaimedDelivery delivery) {
        MDC.put("delivery", delivery.id().toString());
        MDC.put("destination", lane.name());
        try {
            AttemptResult result = sender.send(lane.destination(), delivery);
            AttemptOutcome outcome = OutcomePolicy.decide(result, delivery.step(), lane.destination().schedule(),
                    clock.instant(), ThreadLocalRandom.current());
            recorder.add(new DeliveryRepository.Completion(delivery, result, outcome));
        } catch (RuntimeException e) {
            log.error("Attempt of delivery {} failed unexpectedly; its lease will expire and it will be tried again",
                    delivery.id(), e);
            lane.resultTaken();
        } finally {
            // the place is free as soon as the call is over; writing the result is the recorder's work
            lane.callEnded();
            MDC.clear();
            if (dispatcher.saturated()) {
                wake();
            }
        }
    }

    @Override
    public void start() {
        attemptThreads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("delivery-attempt-", 0).factory());
        attempts = attemptThreads;
        running = true;
        acceptingHandoffs = true;
        dispatching = Thread.ofPlatform().name("delivery-dispatcher").start(this::dispatch);
        recording = Thread.ofPlatform().name("delivery-recorder").start(() -> recorder.run(() -> running,
                dispatcher::saturated, () -> {
                    if (dispatcher.saturated()) {
                        // written results free places the dispatcher may be waiting for
                        wake();
                    }
                }));
        log.info("Delivery worker {} started for {}", owner, lanes.keySet());
    }

    /** Lets attempts in flight finish and records them; what is left is picked up when leases expire. */
    @Override
    public void stop() {
        running = false;
        acceptingHandoffs = false;
        wake.release();
        try {
            dispatching.join(5_000);
            dispatcher.releaseHandoffs();
            attemptThreads.shutdown();
            if (!attemptThreads.awaitTermination(10, TimeUnit.SECONDS)) {
                attemptThreads.shutdownNow();
            }
            recorder.wakeUp();
            recording.join(10_000);
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
