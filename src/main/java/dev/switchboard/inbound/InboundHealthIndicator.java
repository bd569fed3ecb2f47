package dev.switchboard.inbound;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Shows the signature mode in {@code /actuator/health}, loudly when webhooks are not verified. It stays
 * UP: an unsigned intake is a choice, not an outage, and must not take the node out of the load balancer.
 */
@Component("webhookSignature")
class InboundHealthIndicator implements HealthIndicator {

    private final IntakeStatus status;

    InboundHealthIndicator(IntakeStatus status) {
        this.status = status;
    }

    @Override
    public Health health() {
        IntakeStatus.Snapshot intake = status.snapshot();
        Health.Builder health = Health.up().withDetail("mode", intake.signatureMode()).withDetail("secrets", intake.secrets());
        return intake.warning() == null ? health.build() : health.withDetail("warning", intake.warning()).build();
    }
}
