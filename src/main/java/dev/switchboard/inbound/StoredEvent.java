package dev.switchboard.inbound;

import java.time.Instant;
import java.util.UUID;

/**
 * An event that was just written, as other features see it.
 *
 * @param chatwootDeliveryId Chatwoot's {@code X-Chatwoot-Delivery}, when it sent one
 * @param body               the raw body as received; not to be modified
 */
public record StoredEvent(UUID id, String eventType, Long accountId, Long conversationId, Instant receivedAt,
                          String chatwootDeliveryId, byte[] body) {
}
