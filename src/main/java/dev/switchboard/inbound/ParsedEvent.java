package dev.switchboard.inbound;

/**
 * The columns extracted from one webhook body.
 *
 * @param dedupeKey the business key that recognises Chatwoot re-sending the same event under a new
 *                  delivery id
 */
record ParsedEvent(String eventType, Long accountId, Long conversationId, Long messageId, String dedupeKey) {
}
