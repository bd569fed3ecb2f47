package dev.switchboard.delivery;

/**
 * Where a delivery stands: PENDING (due, leased to a node, or waiting for its next attempt), DELIVERED, or
 * DEAD (it will not be tried again on its own; a replay puts it back to PENDING). The column holds the name.
 */
enum DeliveryStatus {
    PENDING, DELIVERED, DEAD
}
