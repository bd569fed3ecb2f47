package dev.switchboard.draft;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.switchboard.inbound.InternalEvents;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells the agent each decision: a {@code draft.decided} event (and {@code draft.reviewed} for a review of a draft
 * autonomy sent), stored in the deciding transaction and delivered to every destination subscribed to it (the agent's, by default) by the delivery workers: signed, retried, replayable.
 */
@Component
class DraftNews {

    static final String EVENT_TYPE = "draft.decided";
    static final String REVIEWED = "draft.reviewed";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final InternalEvents events;

    DraftNews(InternalEvents events) {
        this.events = events;
    }

    void decided(Draft draft) {
        tell(EVENT_TYPE, draft);
    }

    /** A person's later word on a draft autonomy sent: {@code draft.reviewed}, with the review and its grades. */
    void reviewed(Draft draft) {
        tell(REVIEWED, draft);
    }

    private void tell(String type, Draft draft) {
        events.record(type, type + ":" + draft.id(), draft.subject().accountId(), draft.subject().conversationId(),
                JSON.writeValueAsString(body(type, draft)).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> body(String type, Draft draft) {
        Map<String, Object> subject = new LinkedHashMap<>();
        if (draft.subject().isThread()) {
            subject.put("thread", draft.subject().threadCode());
        } else {
            subject.put("accountId", draft.subject().accountId());
            subject.put("conversationId", draft.subject().conversationId());
        }
        Map<String, Object> grades = new LinkedHashMap<>();
        grades.put("tone", draft.grades().tone());
        grades.put("accuracy", draft.grades().accuracy());
        grades.put("policy", draft.grades().policy());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", type);
        body.put("draftId", draft.id().toString());
        body.put("idempotencyKey", draft.idempotencyKey());
        body.put("subject", subject);
        body.put("intent", draft.intent());
        body.put("confidence", draft.confidence());
        body.put("decision", draft.status().name().toLowerCase());
        body.put("decidedBy", draft.decidedBy());
        body.put("decidedVia", draft.decidedVia().name().toLowerCase());
        body.put("decidedAt", draft.decidedAt().toString());
        body.put("sentOnSayOf", draft.sentOnSayOf());
        body.put("draftText", draft.body());
        body.put("finalText", draft.finalBody());
        body.put("diff", draft.finalBody() == null ? null : diff(draft.body(), draft.finalBody()));
        body.put("editDistance", draft.editDistance());
        body.put("grades", grades);
        body.put("reason", draft.reason() == null ? null : draft.reason().name());
        body.put("comment", draft.comment());
        body.put("stale", draft.stale());
        if (draft.review() != null) {
            body.put("review", draft.review());
            body.put("reviewedBy", draft.reviewedBy());
            body.put("reviewedAt", draft.reviewedAt() == null ? null : draft.reviewedAt().toString());
        }
        return body;
    }

    /** A unified diff of the draft and what was sent, line by line; empty when they are the same. */
    static String diff(String draft, String sent) {
        List<String> before = draft.lines().toList();
        List<String> after = sent.lines().toList();
        var patch = DiffUtils.diff(before, after);
        if (patch.getDeltas().isEmpty()) {
            return "";
        }
        return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff("draft", "sent", before, patch, 2)) + "\n";
    }
}
