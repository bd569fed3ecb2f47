package dev.switchboard.email;

import java.util.UUID;

/**
 * An email to send, as a feature asks for it. Bodies may hold {@link #LINK}, replaced when the email is
 * sent by a fresh customer link for the thread (see {@link SendTimeLinks}), as text in the text body and
 * as an anchor in the HTML body, so no link token is ever stored in the outbox.
 *
 * @param idempotencyKey the same notification asked for twice gives one email: (message, recipient, kind)
 * @param threadId       the thread the email belongs to, for threading the conversation in mail clients
 */
public record OutgoingEmail(String idempotencyKey, String kind, UUID threadId, String recipient, String subject,
                            String textBody, String htmlBody) {

    public static final String LINK = "{{customer-link}}";

    public static String key(UUID messageId, String recipient, String kind) {
        return messageId + "/" + recipient.toLowerCase(java.util.Locale.ROOT) + "/" + kind;
    }
}
