package dev.switchboard.delivery;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Destinations and their breakers in {@code /actuator/health}. UP even with an open breaker: the node is
 * fine and must stay in the load balancer; the alert lines say what needs a person.
 */
@Component("deliveries")
class DeliveryHealthIndicator implements HealthIndicator {

    private final Destinations destinations;
    private final DeliveryWorker worker;

    DeliveryHealthIndicator(Destinations destinations, DeliveryWorker worker) {
        this.destinations = destinations;
        this.worker = worker;
    }

    @Override
    public Health health() {
        Map<String, Object> breakers = new LinkedHashMap<>();
        for (Destination d : destinations.all()) {
            CircuitBreaker breaker = worker.breaker(d.name());
            breakers.put(d.name(), breaker.state() == CircuitBreaker.State.OPEN
                    ? "open until " + breaker.openUntil() : breaker.state().label());
        }
        Health.Builder health = Health.up().withDetail("destinations", breakers);
        if (destinations.all().isEmpty()) {
            health.withDetail("warning", "No destination is configured (AGENT_SDK_URL): events are stored but delivered nowhere");
        }
        return health.build();
    }
}
