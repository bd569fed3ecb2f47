package dev.switchboard.chatwoot;

import java.util.List;
import java.util.UUID;

import dev.switchboard.web.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /chatwoot/actions}: what Switchboard did and tried to do in Chatwoot, with Chatwoot's health above
 * it, and replay for dead actions (one, or all of them). Reading needs VIEWER; replaying AGENT, as in the API.
 */
@PageController
class ActionPages {

    static final int PAGE_SIZE = 50;

    private final ChatwootActions actions;
    private final ChatwootHealth health;

    ActionPages(ChatwootActions actions, ChatwootHealth health) {
        this.actions = actions;
        this.health = health;
    }

    @GetMapping("/chatwoot/actions")
    String list(@RequestParam(required = false) ChatwootActions.ActionStatus status, @RequestParam(required = false) UUID before,
                Model model) {
        List<ChatwootActions.ActionView> items = actions.list(new ChatwootActions.Filter(status, null, null, null), before, PAGE_SIZE);
        model.addAttribute("items", items);
        model.addAttribute("next", items.size() == PAGE_SIZE ? items.getLast().id() : null);
        model.addAttribute("status", status == null ? "" : status.name());
        model.addAttribute("statuses", ChatwootActions.ActionStatus.values());
        model.addAttribute("health", health.snapshot());
        return "chatwoot/actions";
    }

    @PostMapping("/chatwoot/actions/{id}/replay")
    String replayOne(@PathVariable UUID id, Model model) {
        model.addAttribute("a", actions.replay(id));
        return "chatwoot/actions :: row";
    }

    @PostMapping("/chatwoot/actions/replay")
    String replayDead(Model model) {
        model.addAttribute("replayed", actions.replayDead(null));
        return "chatwoot/actions :: replayed";
    }
}
