package dev.switchboard.conversation;

import java.util.List;

/**
 * What another feature found about a conversation, for its page: triage fills it with classifications and
 * escalations and their evidence. The conversation module shows it without knowing who found it.
 */
public interface ConversationFindings {

    List<Finding> findings(long accountId, long conversationId);

    /**
     * @param kind     what was found ("intent", "escalation")
     * @param value    the finding itself ("refund", "angry language")
     * @param evidence why, in words a person checks: the rule and the words that matched
     */
    record Finding(String kind, String value, double score, String evidence, java.time.Instant at) {
    }
}
