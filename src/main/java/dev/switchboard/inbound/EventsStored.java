package dev.switchboard.inbound;

import java.util.List;

/**
 * Published, on the writing thread, once new events are committed. Their deliveries are already
 * enqueued by then (the delivery trigger runs inside the statement that stores them, and leases the
 * first attempts to this node, which the events are stored as {@code stored_by}). Listeners must be quick.
 */
public record EventsStored(List<StoredEvent> events) {
}
