package dev.switchboard.inbound;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** {@code switchboard_events_*}: what the intake received, dropped as duplicate, or refused and why. */
@Component
class InboundMetrics {

    private final MeterRegistry registry;
    private final Map<RejectionReason, Counter> rejected = new EnumMap<>(RejectionReason.class);
    private final Map<String, Counter> received = new java.util.HashMap<>();
    private final Counter duplicate;
    private final DistributionSummary batch;

    InboundMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (RejectionReason reason : RejectionReason.values()) {
            rejected.put(reason, Counter.builder("switchboard.events.rejected")
                    .description("Webhooks refused by the intake, by reason")
                    .tag("reason", reason.tag())
                    .register(registry));
        }
        for (String signature : new String[] {"verified", "unchecked", "invalid"}) {
            received.put(signature, Counter.builder("switchboard.events.received")
                    .description("Events stored, by what the signature check found")
                    .tag("signature", signature)
                    .register(registry));
        }
        duplicate = Counter.builder("switchboard.events.duplicate")
                .description("Webhooks recognised as an event already stored; answered 200, not stored again")
                .register(registry);
        batch = DistributionSummary.builder("switchboard.events.write.batch")
                .description("Events written per transaction (group commit)")
                .register(registry);
    }

    void rejected(RejectionReason reason) {
        rejected.get(reason).increment();
    }

    void stored(SignatureCheck signature) {
        received.get(signature.column()).increment();
    }

    void duplicate() {
        duplicate.increment();
    }

    void batchWritten(int size) {
        batch.record(size);
    }

    void queueDepth(Supplier<Number> depth) {
        Gauge.builder("switchboard.events.write.queue", depth)
                .description("Webhooks waiting for their event to be written")
                .register(registry);
    }
}
