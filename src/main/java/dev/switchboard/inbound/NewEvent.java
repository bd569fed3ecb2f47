package dev.switchboard.inbound;

import java.time.Instant;
import java.util.UUID;

/** An accepted webhook on its way to the {@code events} table. */
record NewEvent(UUID id, ParsedEvent parsed, String deliveryId, SignatureCheck signature, Instant receivedAt, byte[] body) {

    StoredEvent toStored() {
        return new StoredEvent(id, parsed.eventType(), parsed.accountId(), parsed.conversationId(), receivedAt, deliveryId, body);
    }
}
