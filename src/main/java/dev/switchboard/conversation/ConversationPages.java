package dev.switchboard.conversation;

import java.util.List;

import dev.switchboard.web.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The conversations pages (AGENT, as the API): the list with its filters and sorts, and one conversation
 * with its state, timeline, triage findings with their evidence, the actions taken in Chatwoot, and a link
 * into Chatwoot.
 */
@PageController
class ConversationPages {

    static final int PAGE_SIZE = 50;

    private final Conversations conversations;

    private final java.time.Clock clock;

    ConversationPages(Conversations conversations, java.time.Clock clock) {
        this.conversations = conversations;
        this.clock = clock;
    }

    @GetMapping("/conversations")
    String list(@RequestParam(required = false) ConversationStatus status, @RequestParam(required = false) String intent,
                @RequestParam(required = false) Boolean escalated, @RequestParam(required = false) Boolean vip,
                @RequestParam(required = false) Long inbox, @RequestParam(required = false) String assignee,
                @RequestParam(defaultValue = "SLA") Conversations.Sort sort, @RequestParam(defaultValue = "0") int page,
                Model model) {
        String cleanIntent = intent == null || intent.isBlank() ? null : intent.strip();
        Long assigneeId = assignee != null && assignee.matches("\\d{1,18}") ? Long.valueOf(assignee) : null;
        int from = Math.max(0, Math.min(page, 2000)) * PAGE_SIZE;
        List<Conversations.Summary> items = conversations.list(new Conversations.Filter(status, cleanIntent, escalated, vip, inbox,
                assigneeId, "none".equals(assignee)), sort, PAGE_SIZE + 1, from);
        model.addAttribute("items", items.size() > PAGE_SIZE ? items.subList(0, PAGE_SIZE) : items);
        model.addAttribute("hasNext", items.size() > PAGE_SIZE);
        model.addAttribute("page", from / PAGE_SIZE);
        model.addAttribute("statuses", ConversationStatus.values());
        model.addAttribute("intents", conversations.intents());
        model.addAttribute("f", new Form(status == null ? "" : status.name(), cleanIntent == null ? "" : cleanIntent,
                escalated == null ? "" : escalated.toString(), vip == null ? "" : vip.toString(), inbox == null ? "" : inbox.toString(),
                assignee == null ? "" : assignee, sort.name()));
        model.addAttribute("health", conversations.health());
        model.addAttribute("now", clock.instant());
        return "conversations/list";
    }

    @GetMapping("/conversations/{accountId}/{conversationId}")
    String one(@PathVariable long accountId, @PathVariable long conversationId, Model model) {
        Conversations.Detail detail = conversations.detail(accountId, conversationId);
        model.addAttribute("detail", detail);
        model.addAttribute("c", detail.conversation());
        return "conversations/detail";
    }

    /** The filters as the form shows them again. */
    record Form(String status, String intent, String escalated, String vip, String inbox, String assignee, String sort) {
    }
}
