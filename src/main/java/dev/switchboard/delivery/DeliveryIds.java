package dev.switchboard.delivery;

import java.util.UUID;

/**
 * A delivery's id, which is its {@code webhook-id}: the event id with its last 16 bits XORed with the
 * destination's ordinal. The database's {@code delivery_id(uuid, integer)} (R__delivery_fan_out.sql) computes the same, so the
 * node that stored an event knows its deliveries' ids without reading them back.
 */
final class DeliveryIds {

    private DeliveryIds() {
    }

    static UUID of(UUID eventId, int ordinal) {
        if (ordinal < 1 || ordinal > 0xFFFF) {
            throw new IllegalArgumentException("a destination ordinal is between 1 and 65535, not " + ordinal);
        }
        return new UUID(eventId.getMostSignificantBits(), eventId.getLeastSignificantBits() ^ ordinal);
    }
}
