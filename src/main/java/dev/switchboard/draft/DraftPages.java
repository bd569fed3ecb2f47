package dev.switchboard.draft;

import java.time.Clock;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.UUID;

import dev.switchboard.chatwoot.ChatwootActions;
import dev.switchboard.refusal.Conflict;
import dev.switchboard.refusal.Invalid;
import dev.switchboard.web.PageController;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /drafts} (AGENT): the queue of pending drafts, each with the customer and the last messages, decided right
 * there with the buttons or the keys ({@code j}/{@code k} move, {@code a} approves, {@code e} edits, {@code r}
 * rejects); and one draft with its decision. A refused decision is shown on the draft with the person's input kept.
 */
@PageController
class DraftPages {

    private final Drafts drafts;
    private final DraftCards cards;
    private final ChatwootActions actions;
    private final DraftReports reports;
    private final Clock clock;

    DraftPages(Drafts drafts, DraftCards cards, ChatwootActions actions, DraftReports reports, Clock clock) {
        this.drafts = drafts;
        this.cards = cards;
        this.actions = actions;
        this.reports = reports;
        this.clock = clock;
    }

    @GetMapping("/drafts/stats")
    String stats(@RequestParam(defaultValue = "12") @Min(1) @Max(520) int weeks, Model model) {
        DraftReports.Stats stats = reports.stats(DraftController.since(clock, weeks));
        model.addAttribute("stats", stats);
        model.addAttribute("chart", WeeklyChart.of(stats));
        model.addAttribute("weeks", weeks);
        return "drafts/stats";
    }

    @GetMapping("/drafts")
    String queue(@RequestParam(defaultValue = "age") DraftController.QueueOrder sort, Model model) {
        model.addAttribute("cards", cards.cards(drafts.pending(sort == DraftController.QueueOrder.due, 50)));
        model.addAttribute("sort", sort.name());
        model.addAttribute("decided", drafts.recent(null, 40).stream().filter(d -> !d.pending()).limit(20).toList());
        return "drafts/queue";
    }

    @GetMapping("/drafts/{id}")
    String one(@PathVariable UUID id, Model model) {
        return one(drafts.find(id), Map.of(), null, null, model);
    }

    @PostMapping("/drafts/{id}/decide")
    String decide(@PathVariable UUID id, @ModelAttribute DecisionForm form, Authentication who, Model model,
                  RedirectAttributes redirect, HttpServletResponse response) {
        try {
            Draft decided = drafts.decide(id, form.toDecision(), who.getName(), DecidedVia.SWITCHBOARD);
            redirect.addFlashAttribute("saved", switch (decided.status()) {
                case APPROVED -> "Approved: the reply is on its way to the customer.";
                case EDITED -> "Your edited reply is on its way to the customer.";
                case REJECTED -> "Rejected: nothing was sent.";
                case PENDING -> "Nothing changed.";
            });
            return "redirect:" + ("queue".equals(form.back()) ? "/drafts" : "/drafts/" + id);
        } catch (Invalid invalid) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return one(drafts.find(id), invalid.fieldErrors(), null, form, model);
        } catch (Conflict refused) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return one(drafts.find(id), Map.of(), refused.getMessage(), form, model);
        }
    }

    private String one(Draft draft, Map<String, String> errors, String refused, DecisionForm form, Model model) {
        model.addAttribute("card", cards.card(draft));
        model.addAttribute("errors", errors);
        model.addAttribute("refused", refused);
        model.addAttribute("form", form);
        model.addAttribute("history", drafts.forSubject(draft.subject(), 20));
        model.addAttribute("replyAction", draft.replyActionId() == null ? null : actions.find(draft.replyActionId()));
        return "drafts/draft";
    }

    /** The decision form: the button pressed says which decision; {@code back} where to go afterwards. */
    record DecisionForm(Decision.Kind decision, String text, String reason, String comment, Integer tone, Integer accuracy,
                        Integer policy, Boolean confirmStale, String back) {

        Decision toDecision() {
            return new Decision(decision, text, RejectReason.parse(reason).orElse(null), comment,
                    new Draft.Grades(tone, accuracy, policy), Boolean.TRUE.equals(confirmStale));
        }
    }
}
