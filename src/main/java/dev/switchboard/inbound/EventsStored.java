package dev.switchboard.inbound;

import java.util.List;

/**
 * Published once new events are committed. Their deliveries are already enqueued by then (the delivery
 * trigger runs inside the statement that stores them), so this is only a wake-up for whoever works on
 * them in this process; other nodes are woken by the trigger's NOTIFY.
 */
public record EventsStored(List<StoredEvent> events) {
}
