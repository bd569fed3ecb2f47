package dev.switchboard.inbound;

import java.time.Instant;
import java.util.UUID;

/** An event that was just written, as other features see it. */
public record StoredEvent(UUID id, String event, Long accountId, Long conversationId, Instant receivedAt) {
}
