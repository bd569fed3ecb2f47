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

    private final InboundProperties properties;

    InboundHealthIndicator(InboundProperties properties) {
        this.properties = properties;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up()
                .withDetail("mode", properties.signatureMode().name().toLowerCase())
                .withDetail("secrets", properties.secrets().size());
        String warning = InboundConfiguration.warning(properties);
        return warning == null ? health.build() : health.withDetail("warning", warning).build();
    }
}
