package dev.switchboard.draft;

import java.util.List;

/**
 * A reply the agent proposes, as {@code POST /api/agent/drafts} takes it. Name the conversation
 * ({@code accountId} + {@code conversationId}, Chatwoot's display id) or the thread ({@code thread}, its code).
 *
 * @param idempotencyKey the agent's own key: the same key again is the same draft
 * @param inReplyTo      the customer message it answers (a Chatwoot message id, or a thread message id)
 */
public record Proposal(String idempotencyKey, Long accountId, Long conversationId, String thread, String text, String intent,
                       Double confidence, List<Draft.Source> sources, String inReplyTo) {
}
