package dev.switchboard.delivery;

import java.time.Instant;

/**
 * Which deliveries an operator means: every part optional. The time range applies to when the event
 * arrived; {@code lastError} is the outcome class of the last failed attempt ({@code 5xx}, {@code timeout}, …).
 */
record DeliveryFilter(DeliveryStatus status, String destination, String eventType, String lastError, Instant from,
                      Instant to) {

    DeliveryFilter dead() {
        return new DeliveryFilter(DeliveryStatus.DEAD, destination, eventType, lastError, from, to);
    }

    String statusName() {
        return status == null ? null : status.name();
    }
}
