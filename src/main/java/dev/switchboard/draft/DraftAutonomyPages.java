package dev.switchboard.draft;

import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import dev.switchboard.refusal.Conflict;
import dev.switchboard.refusal.Invalid;
import dev.switchboard.refusal.Refusal;
import dev.switchboard.web.PageController;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /drafts/autonomy}: where each intent stands, switched on or off by an ADMIN (on only when earned; a refusal
 * shows the figures). {@code /drafts/reviews}: the sampled drafts autonomy sent, for a person to say whether they would
 * have sent them as written.
 */
@PageController
class DraftAutonomyPages {

    private final DraftAutonomy autonomy;

    DraftAutonomyPages(DraftAutonomy autonomy) {
        this.autonomy = autonomy;
    }

    @GetMapping("/drafts/autonomy")
    String standings(Model model) {
        model.addAttribute("standings", autonomy.standings());
        return "drafts/autonomy";
    }

    @PostMapping("/drafts/autonomy/{intent}")
    String change(@PathVariable String intent, @ModelAttribute SwitchForm form, Authentication who, Model model,
                  RedirectAttributes redirect, HttpServletResponse response) {
        try {
            DraftAutonomy.Standing now = form.enabled() ? autonomy.enable(intent, who.getName())
                    : autonomy.disable(intent, who.getName(), form.reason());
            redirect.addFlashAttribute("saved", "Autonomy for " + now.intent() + " is " + (now.enabled() ? "on" : "off") + ".");
            return "redirect:/drafts/autonomy";
        } catch (Conflict | Invalid refusal) {
            refused(refusal, model, response);
            return standings(model);
        }
    }

    @GetMapping("/drafts/reviews")
    String reviews(Model model) {
        model.addAttribute("drafts", autonomy.waitingReviews(50));
        return "drafts/reviews";
    }

    @PostMapping("/drafts/{id}/review")
    String review(@PathVariable UUID id, @ModelAttribute ReviewForm form, Authentication who, Model model,
                  RedirectAttributes redirect, HttpServletResponse response) {
        try {
            DraftAutonomy.Reviewed reviewed = autonomy.review(id, Boolean.TRUE.equals(form.good()), new Draft.Grades(form.tone(),
                    form.accuracy(), form.policy()), form.comment(), who.getName());
            redirect.addFlashAttribute("saved", "Reviewed as " + reviewed.draft().review().toLowerCase(Locale.ROOT) + "."
                    + (reviewed.revoked() == null ? "" : " Autonomy for " + reviewed.draft().intent() + " switched itself off: "
                    + reviewed.revoked() + "."));
            return "redirect:/drafts/reviews";
        } catch (Conflict | Invalid refusal) {
            refused(refusal, model, response);
            return reviews(model);
        }
    }

    /** A refusal shown on the page it came from, with the status an API caller would get. */
    private static void refused(Refusal refusal, Model model, HttpServletResponse response) {
        response.setStatus((refusal instanceof Invalid ? HttpStatus.BAD_REQUEST : HttpStatus.CONFLICT).value());
        model.addAttribute("refused", refusal instanceof Invalid invalid ? invalid.fieldErrors().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("; ")) : refusal.getMessage());
    }

    record SwitchForm(boolean enabled, String reason) {
    }

    record ReviewForm(Boolean good, Integer tone, Integer accuracy, Integer policy, String comment) {
    }
}
