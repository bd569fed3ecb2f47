package dev.switchboard.chatwoot;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/chatwoot}: Chatwoot as the probes see it, and the actions Switchboard carries out there, with
 * replay for the dead ones. Reading needs VIEWER; replaying needs AGENT.
 */
@RestController
@RequestMapping("/api/chatwoot")
class ActionController {

    private static final String KINDS = "ADD_LABELS|NOTE|REPLY|RAISE_PRIORITY|STATUS|ASSIGN";

    private final ChatwootActions actions;
    private final ChatwootHealth health;

    ActionController(ChatwootActions actions, ChatwootHealth health) {
        this.actions = actions;
        this.health = health;
    }

    @GetMapping("/health")
    ChatwootHealth.Snapshot health() {
        return health.snapshot();
    }

    @GetMapping("/actions")
    Page list(@RequestParam(required = false) ChatwootActions.ActionStatus status,
              @RequestParam(required = false) @Pattern(regexp = KINDS, message = "must be one of " + KINDS) String kind,
              @RequestParam(required = false) @Min(1) Long accountId,
              @RequestParam(required = false) @Min(1) Long conversationId,
              @RequestParam(required = false) UUID before,
              @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        if ((accountId == null) != (conversationId == null)) {
            throw dev.switchboard.refusal.Invalid.field("conversationId", "accountId and conversationId go together");
        }
        List<ChatwootActions.ActionView> items = actions.list(new ChatwootActions.Filter(status, kind, accountId, conversationId),
                before, limit);
        return new Page(items, items.size() == limit ? items.getLast().id() : null);
    }

    @GetMapping("/actions/{id}")
    ChatwootActions.ActionView one(@PathVariable UUID id) {
        return actions.find(id);
    }

    @PostMapping("/actions/{id}/replay")
    ChatwootActions.ActionView replay(@PathVariable UUID id) {
        return actions.replay(id);
    }

    /** Every dead action, or every dead one of a kind, back in the queue. */
    @PostMapping("/actions/replay")
    Map<String, Object> replayDead(@RequestParam(required = false) @Pattern(regexp = KINDS, message = "must be one of " + KINDS) String kind) {
        return Map.of("replayed", actions.replayDead(kind));
    }

    record Page(List<ChatwootActions.ActionView> items, UUID next) {
    }
}
