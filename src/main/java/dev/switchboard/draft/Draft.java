package dev.switchboard.draft;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One draft as stored: what the agent proposed, and, once decided, who decided what, when, where and with which
 * grades, and how the reply went out.
 *
 * @param answers         the customer message it answers, as the agent named it (a Chatwoot message id, a thread message id)
 * @param noteMessageId   the Chatwoot private note it came from, for drafts the agent wrote as notes
 * @param finalBody       what was sent: the body as written, or as a person edited it; null when rejected
 * @param replyActionId   the Chatwoot action that carries the reply
 * @param threadMessageId the thread message the reply became
 * @param review          for a draft autonomy sent and sampled: WAITING for a person, then GOOD or BAD; null otherwise
 */
public record Draft(UUID id, String idempotencyKey, String origin, Subject subject, String body, String intent, Float confidence,
                    List<Source> sources, String answers, Long noteMessageId, Instant createdAt, Instant staleAt, String staleReason,
                    DraftStatus status, Instant decidedAt, String decidedBy, DecidedVia decidedVia, String finalBody,
                    Integer editDistance, RejectReason reason, String comment, Grades grades, UUID replyActionId,
                    UUID threadMessageId, Instant sentAt, String review, String reviewedBy, Instant reviewedAt) {

    public boolean stale() {
        return staleAt != null;
    }

    public boolean pending() {
        return status == DraftStatus.PENDING;
    }

    /** Who the reply went out on: a person, or autonomy; null when nothing was sent. */
    public String sentOnSayOf() {
        if (status == DraftStatus.PENDING || status == DraftStatus.REJECTED) {
            return null;
        }
        return decidedVia == DecidedVia.AUTONOMY ? "autonomy" : "person";
    }

    /** A title and an address the agent used. */
    public record Source(String title, String url) {
    }

    /** A person's scores, each 1 to 5 or null when not given. */
    public record Grades(Integer tone, Integer accuracy, Integer policy) {
        public static final Grades NONE = new Grades(null, null, null);

        public boolean complete() {
            return tone != null && accuracy != null && policy != null;
        }

        public boolean any() {
            return tone != null || accuracy != null || policy != null;
        }

        /** {@code tone 4, accuracy 2, policy 5}, a dash for each not given; {@code none} when none was. */
        public String words() {
            return any() ? "tone " + dash(tone) + ", accuracy " + dash(accuracy) + ", policy " + dash(policy) : "none";
        }

        private static String dash(Integer grade) {
            return grade == null ? "–" : grade.toString();
        }
    }

    /** What a draft answers: a Chatwoot conversation or a native thread. */
    public record Subject(String kind, Long accountId, Long conversationId, UUID threadId, String threadCode) {

        public static Subject conversation(long accountId, long conversationId) {
            return new Subject("CONVERSATION", accountId, conversationId, null, null);
        }

        public static Subject thread(UUID id, String code) {
            return new Subject("THREAD", null, null, id, code);
        }

        public boolean isThread() {
            return "THREAD".equals(kind);
        }

        /** The subject's key in the SLA clocks. */
        public String slaKey() {
            return isThread() ? threadId.toString() : accountId + ":" + conversationId;
        }

        /** In words: {@code conversation 3/42} or {@code thread SB-7KQ2}. */
        public String label() {
            return isThread() ? "thread " + threadCode : "conversation " + accountId + "/" + conversationId;
        }

        /** Where the subject's page is in Switchboard. */
        public String page() {
            return isThread() ? "/inbox/threads/" + threadCode : "/conversations/" + accountId + "/" + conversationId;
        }
    }
}
