package dev.switchboard.monitor;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.switchboard.delivery.DeliveryHealth;
import dev.switchboard.inbound.IntakeStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/support/health}: the on-call view in one JSON answer. {@code status} is ATTENTION when
 * any alert line stands, OK otherwise.
 */
@RestController
class SupportHealthController {

    private final DeliveryHealth delivery;
    private final IntakeStatus intake;
    private final Clock clock;

    SupportHealthController(DeliveryHealth delivery, IntakeStatus intake, Clock clock) {
        this.delivery = delivery;
        this.intake = intake;
        this.clock = clock;
    }

    @GetMapping("/api/support/health")
    SupportHealth health() {
        DeliveryHealth.Snapshot deliveries = delivery.snapshot();
        IntakeStatus.Snapshot signature = intake.snapshot();
        List<String> alerts = new ArrayList<>(deliveries.alerts());
        if (signature.warning() != null) {
            alerts.add(signature.warning());
        }
        return new SupportHealth(alerts.isEmpty() ? "OK" : "ATTENTION", clock.instant(), alerts, signature, deliveries);
    }

    record SupportHealth(String status, Instant checkedAt, List<String> alerts, IntakeStatus.Snapshot intake,
                         DeliveryHealth.Snapshot deliveries) {
    }
}
