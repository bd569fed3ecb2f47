package dev.switchboard.settings;

import java.security.Principal;
import java.util.Arrays;
import java.util.List;

import dev.switchboard.refusal.Invalid;
import dev.switchboard.web.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /settings} (ADMIN): the settings form. It is checked by the same rules as the API
 * ({@link SystemSettings#update}); a refusal shows every wrong field beside it, keeps what was typed,
 * and changes nothing. Query types are one per line.
 */
@PageController
class SettingsPage {

    private final SystemSettings settings;

    SettingsPage(SystemSettings settings) {
        this.settings = settings;
    }

    @GetMapping("/settings")
    String show(Model model) {
        Settings current = settings.current();
        return page(new SettingsForm(current.supportEmail(), current.whatsappNumber(), current.portalBaseUrl(),
                current.whatsappBubble(), String.join("\n", current.queryTypes()), current.teamName()), null, model);
    }

    @PostMapping("/settings")
    String save(@ModelAttribute SettingsForm form, Principal principal, Model model, RedirectAttributes redirect) {
        try {
            settings.update(form.toSettings(), principal.getName());
        } catch (Invalid problem) {
            return page(form, problem.fieldErrors(), model);
        }
        redirect.addFlashAttribute("saved", true);
        return "redirect:/settings";
    }

    private String page(SettingsForm form, java.util.Map<String, String> errors, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("changes", settings.changes(20));
        return "settings/settings";
    }

    /** The form as posted; an unticked checkbox is not posted at all, hence the Boolean. */
    record SettingsForm(String supportEmail, String whatsappNumber, String portalBaseUrl, Boolean whatsappBubble,
                        String queryTypes, String teamName) {

        Settings toSettings() {
            List<String> types = queryTypes == null ? List.of() : Arrays.stream(queryTypes.split("\\R")).toList();
            return new Settings(supportEmail, whatsappNumber, portalBaseUrl, Boolean.TRUE.equals(whatsappBubble), types, teamName);
        }
    }
}
