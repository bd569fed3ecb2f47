package dev.switchboard.conversation;

import java.util.Locale;

/**
 * Chatwoot's conversation statuses, named as Chatwoot names them. {@code pending} in Chatwoot means a bot
 * owns the conversation (Chatwoot hands it to people by opening it), not "waiting on the customer".
 */
public enum ConversationStatus {
    /** people work it */
    OPEN,
    /** a bot owns it; Chatwoot opens it when the bot hands over */
    PENDING,
    /** set aside until a time, or until the customer writes again */
    SNOOZED,
    /** done; the customer writing again opens it */
    RESOLVED;

    static ConversationStatus of(String chatwoot) {
        return chatwoot == null ? OPEN : valueOf(chatwoot.toUpperCase(Locale.ROOT));
    }
}
