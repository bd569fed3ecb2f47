package dev.switchboard.conversation;

import java.time.Instant;

/**
 * A message from the customer the model has not seen before (see {@link CustomerMessagesArrived}).
 *
 * @param contactAttributes the contact's custom attributes as JSON ({@code {}} when none)
 */
public record CustomerMessageArrived(long accountId, long conversationId, long messageId, String content, Instant createdAt,
                                     Long inboxId, Long contactId, String contactEmail, String contactAttributes) {
}
