package dev.switchboard.conversation;

import java.time.Instant;

/**
 * A message from the customer the model has not seen before, published inside the transaction that adds
 * it (once per message, however many events carry it; never during a rebuild). A listener that writes in
 * that transaction commits or rolls back with it.
 *
 * @param contactAttributes the contact's custom attributes as JSON ({@code {}} when none)
 */
public record CustomerMessageArrived(long accountId, long conversationId, long messageId, String content, Instant createdAt,
                                     Long inboxId, Long contactId, String contactEmail, String contactAttributes) {
}
