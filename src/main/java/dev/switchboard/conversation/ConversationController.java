package dev.switchboard.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/conversations}: the read model. Conversations hold customers' names and words, so reading
 * needs AGENT; a rebuild needs ADMIN.
 */
@RestController
@RequestMapping("/api/conversations")
class ConversationController {

    private final Conversations conversations;

    ConversationController(Conversations conversations) {
        this.conversations = conversations;
    }

    /** @param assignee a Chatwoot agent id, or {@code none} for unassigned conversations */
    @GetMapping
    Page list(@RequestParam(required = false) ConversationStatus status,
              @RequestParam(required = false) @Size(max = 100) String intent,
              @RequestParam(required = false) Boolean escalated,
              @RequestParam(required = false) Boolean vip,
              @RequestParam(required = false) @Min(1) Long inbox,
              @RequestParam(required = false) @Pattern(regexp = "none|\\d{1,18}", message = "must be an agent id or none") String assignee,
              @RequestParam(defaultValue = "WAITING") Conversations.Sort sort,
              @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
              @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int offset) {
        Long assigneeId = assignee == null || assignee.equals("none") ? null : Long.valueOf(assignee);
        List<Conversations.Summary> items = conversations.list(new Conversations.Filter(status, intent, escalated, vip, inbox,
                assigneeId, "none".equals(assignee)), sort, limit, offset);
        return new Page(items, items.size() == limit ? offset + limit : null);
    }

    @GetMapping("/{accountId}/{conversationId}")
    Conversations.Detail one(@PathVariable @Min(1) long accountId, @PathVariable @Min(1) long conversationId) {
        return conversations.detail(accountId, conversationId);
    }

    @GetMapping("/health")
    Conversations.Health health() {
        return conversations.health();
    }

    @GetMapping("/intents")
    List<Conversations.IntentCount> intents() {
        return conversations.intents();
    }

    /** Applies the stored events received since then (all of them without {@code since}) to the model again. */
    @PostMapping("/rebuild")
    Map<String, Object> rebuild(@RequestParam(required = false) Instant since) {
        Instant from = since == null ? Instant.EPOCH : since;
        return Map.of("since", from, "applied", conversations.rebuild(from));
    }

    /** @param next the offset of the next page; null on the last */
    record Page(List<Conversations.Summary> items, Integer next) {
    }
}
