package dev.switchboard.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * {@code switchboard_deliveries_*} and {@code switchboard_attempts_total}. The queue gauges read a
 * snapshot that {@link DeliveryStatistics} refreshes, so a scrape never runs a query.
 */
@Component
class DeliveryMetrics {

    private final MeterRegistry registry;
    private final AtomicReference<QueueSnapshot> queue = new AtomicReference<>(QueueSnapshot.EMPTY);
    private final Counter workerErrors;
    private final Map<String, DestinationMeters> destinations = new ConcurrentHashMap<>();
    private final Map<String, Counter> attempts = new ConcurrentHashMap<>();

    DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("switchboard.deliveries.pending", () -> queue.get().pending())
                .description("Deliveries waiting for an attempt or a retry").register(registry);
        Gauge.builder("switchboard.deliveries.oldest.pending.age", () -> queue.get().oldestPendingAge().toMillis() / 1000.0)
                .baseUnit("seconds").description("Age of the oldest pending delivery").register(registry);
        Gauge.builder("switchboard.deliveries.dead", () -> queue.get().dead())
                .description("Deliveries that will not be tried again on their own").register(registry);
        workerErrors = Counter.builder("switchboard.delivery.worker.errors")
                .description("Worker rounds that failed (database unreachable, …) and were retried").register(registry);
    }

    void watch(String destination, CircuitBreaker breaker, AtomicInteger inFlight) {
        Gauge.builder("switchboard.destination.breaker.state", breaker, b -> b.state().ordinal())
                .description("Circuit breaker per destination: 0 closed, 1 half-open, 2 open")
                .tag("destination", destination).register(registry);
        Gauge.builder("switchboard.destination.in.flight", inFlight, AtomicInteger::get)
                .description("Attempts in flight on this node").tag("destination", destination).register(registry);
    }

    /** Looked up once per destination (and outcome class), not built again on every attempt. */
    void attempted(DeliveryRepository.Completion c, Instant now) {
        String destination = c.delivery().destination();
        attempts.computeIfAbsent(destination + '\u0000' + c.result().outcomeClass(), key -> Counter.builder("switchboard.attempts")
                .description("HTTP attempts by outcome class")
                .tag("destination", destination).tag("outcome", c.result().outcomeClass()).register(registry)).increment();
        DestinationMeters meters = destinations.computeIfAbsent(destination, this::register);
        switch (c.outcome()) {
            case AttemptOutcome.Delivered() -> {
                meters.delivered().increment();
                meters.latency().record(nonNegative(Duration.between(c.delivery().createdAt(), now)));
            }
            case AttemptOutcome.Dead(var gone) -> meters.wentDead().increment();
            case AttemptOutcome.RetryLater(var at) -> { }
        }
    }

    private DestinationMeters register(String destination) {
        return new DestinationMeters(
                Counter.builder("switchboard.deliveries.delivered").description("Deliveries the destination accepted")
                        .tag("destination", destination).register(registry),
                Counter.builder("switchboard.deliveries.went.dead").description("Deliveries that became dead")
                        .tag("destination", destination).register(registry),
                Timer.builder("switchboard.delivery.latency").description("From the webhook's arrival to its delivery")
                        .tag("destination", destination).publishPercentileHistogram().register(registry));
    }

    private record DestinationMeters(Counter delivered, Counter wentDead, Timer latency) {
    }

    /** Another node's clock, or a stepped clock, must not make a latency negative. */
    private static Duration nonNegative(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }

    void workerError() {
        workerErrors.increment();
    }

    void queue(QueueSnapshot snapshot) {
        queue.set(snapshot);
    }

    record QueueSnapshot(long pending, Duration oldestPendingAge, long dead) {
        static final QueueSnapshot EMPTY = new QueueSnapshot(0, Duration.ZERO, 0);
    }
}
