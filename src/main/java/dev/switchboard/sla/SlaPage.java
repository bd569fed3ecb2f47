package dev.switchboard.sla;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Map;

import dev.switchboard.refusal.Conflict;
import dev.switchboard.refusal.Invalid;
import dev.switchboard.refusal.NotFound;
import dev.switchboard.web.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /settings/sla} (ADMIN): policies and calendars as JSON, saved as a new version with the API's checks (every
 * problem named, nothing saved, what was typed kept), holidays imported from an iCalendar file, and the history.
 */
@PageController
class SlaPage {

    private final SlaConfigStore store;
    private final BreachTimer timer;

    SlaPage(SlaConfigStore store, BreachTimer timer) {
        this.store = store;
        this.timer = timer;
    }

    @GetMapping("/settings/sla")
    String show(Model model) {
        SlaConfigStore.InForce inForce = store.current();
        return page(inForce.config().toJson(), inForce.version(), null, model);
    }

    @PostMapping("/settings/sla")
    String save(@RequestParam String config, @RequestParam int basedOn, Principal who, Model model, RedirectAttributes redirect) {
        try {
            SlaConfigStore.InForce saved = store.save(SlaConfig.read(config), basedOn, who.getName());
            timer.sweepSoon();
            redirect.addFlashAttribute("saved", "Saved as version " + saved.version() + "; open clocks are being recomputed.");
            return "redirect:/settings/sla";
        } catch (Invalid invalid) {
            return page(config, basedOn, invalid.fieldErrors(), model);
        } catch (Conflict conflict) {
            return page(config, basedOn, Map.of("config", conflict.getMessage()), model);
        }
    }

    @PostMapping("/settings/sla/holidays")
    String importHolidays(@RequestParam String calendar, @RequestParam int basedOn, @RequestParam MultipartFile file, Principal who,
                          Model model, RedirectAttributes redirect) throws IOException {
        try {
            SlaConfigStore.HolidaysImported imported = store.importHolidays(calendar, new String(file.getBytes(), StandardCharsets.UTF_8),
                    basedOn, who.getName());
            timer.sweepSoon();
            redirect.addFlashAttribute("saved", imported.inFile() + " holidays read, " + imported.added() + " new to " + calendar
                    + "; saved as version " + imported.version() + ".");
            return "redirect:/settings/sla";
        } catch (Invalid | Conflict | NotFound refused) {
            SlaConfigStore.InForce inForce = store.current();
            return page(inForce.config().toJson(), inForce.version(), Map.of("file", refused.getMessage()), model);
        }
    }

    private String page(String config, int version, Map<String, String> errors, Model model) {
        model.addAttribute("config", config);
        model.addAttribute("version", version);
        model.addAttribute("errors", errors);
        model.addAttribute("calendars", store.current().config().calendars().stream().map(SlaConfig.Calendar::name).toList());
        model.addAttribute("history", store.history(20));
        return "settings/sla";
    }
}
