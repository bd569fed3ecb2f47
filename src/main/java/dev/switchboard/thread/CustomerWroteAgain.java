package dev.switchboard.thread;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer replied in a thread, published inside the transaction that stores the reply: whatever was prepared
 * before it (a draft answer) may no longer fit.
 */
public record CustomerWroteAgain(UUID threadId, String code, UUID messageId, Instant createdAt) {
}
