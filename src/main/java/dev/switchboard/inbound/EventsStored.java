package dev.switchboard.inbound;

import java.util.List;

/**
 * Published inside the transaction that stores new events, before it commits: a listener that writes
 * rows (the deliveries to enqueue) commits or rolls back together with the events themselves.
 */
public record EventsStored(List<StoredEvent> events) {
}
