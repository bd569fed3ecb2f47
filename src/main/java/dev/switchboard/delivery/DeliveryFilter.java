package dev.switchboard.delivery;

import java.time.Instant;

/**
 * Which deliveries an operator means: every part optional. The time range applies to when the event
 * arrived.
 */
record DeliveryFilter(DeliveryStatus status, String destination, String event, String errorClass, Instant from, Instant to) {

    DeliveryFilter dead() {
        return new DeliveryFilter(DeliveryStatus.DEAD, destination, event, errorClass, from, to);
    }

    String statusName() {
        return status == null ? null : status.name();
    }
}
