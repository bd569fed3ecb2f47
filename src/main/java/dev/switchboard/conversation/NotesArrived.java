package dev.switchboard.conversation;

import java.time.Instant;
import java.util.List;

/**
 * Private notes the model had not seen, in the order received, published inside the transaction that adds them
 * (once per note; never during a rebuild), like {@link CustomerMessagesArrived}. Notes are where the AI agent may
 * leave its drafts and where people answer them ({@code /approve}).
 */
public record NotesArrived(List<Note> notes) {

    /**
     * @param senderType       Chatwoot's sender type ({@code user}, {@code agent_bot}, …); null when none
     * @param fromSwitchboard  Switchboard posted it itself (a mirrored draft, a triage note)
     */
    public record Note(long accountId, long conversationId, long messageId, String content, Instant createdAt, String senderType,
                       Long senderId, String senderName, boolean fromSwitchboard) {
    }
}
