package dev.switchboard.delivery;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery this node holds the lease on, with what the attempt needs.
 *
 * @param attempts every attempt ever made, this one included (the guard for writing its result)
 * @param step     attempts in this run of the schedule, this one included
 */
record ClaimedDelivery(UUID id, String destination, int attempts, int step, Instant createdAt, String eventType,
                       String chatwootDeliveryId, byte[] body) {
}
