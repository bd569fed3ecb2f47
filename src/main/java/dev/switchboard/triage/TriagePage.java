package dev.switchboard.triage;

import java.security.Principal;
import java.util.Map;

import dev.switchboard.refusal.Conflict;
import dev.switchboard.refusal.Invalid;
import dev.switchboard.web.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /settings/triage} (ADMIN): the rules as JSON, saved as a new version with the same checks as the
 * API (every problem named, nothing saved, what was typed kept), their history, and a "try it" box that
 * classifies a sample with the rules being edited and stores nothing.
 */
@PageController
class TriagePage {

    private final TriageRuleStore store;

    TriagePage(TriageRuleStore store) {
        this.store = store;
    }

    @GetMapping("/settings/triage")
    String show(Model model) {
        TriageRuleStore.InForce inForce = store.current();
        return page(inForce.engine().rules().toJson(), inForce.version(), null, model);
    }

    @PostMapping("/settings/triage")
    String save(@RequestParam String rules, @RequestParam int basedOn, Principal who, Model model, RedirectAttributes redirect) {
        try {
            TriageRuleStore.InForce saved = store.save(TriageRules.read(rules), basedOn, who.getName());
            redirect.addFlashAttribute("saved", saved.version());
            return "redirect:/settings/triage";
        } catch (Invalid invalid) {
            return page(rules, basedOn, invalid.fieldErrors(), model);
        } catch (Conflict conflict) {
            return page(rules, basedOn, Map.of("rules", conflict.getMessage()), model);
        }
    }

    /** Classifies the sample with the rules in the editor (not yet saved), and answers the result as a fragment. */
    @PostMapping("/settings/triage/try")
    String tryIt(@RequestParam String sample, @RequestParam String rules, Model model) {
        try {
            model.addAttribute("result", TriageEngine.of(TriageRules.read(rules)).classify(TriageEngine.Message.of(sample)));
        } catch (Invalid invalid) {
            model.addAttribute("problems", invalid.fieldErrors());
        }
        return "settings/triage :: result";
    }

    private String page(String rules, int version, Map<String, String> errors, Model model) {
        model.addAttribute("rules", rules);
        model.addAttribute("version", version);
        model.addAttribute("errors", errors);
        model.addAttribute("history", store.history(20));
        return "settings/triage";
    }
}
