package dev.switchboard.monitor;

import java.util.UUID;

import dev.switchboard.web.PageController;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /alerts}: the rules as they stand now, the alerts (open, acknowledged, resolved) and one alert with its
 * readings and history; the link in an alert's email leads to it. Reading needs VIEWER; acknowledging AGENT, as in the API.
 */
@PageController
class AlertPages {

    private final Alerts alerts;

    AlertPages(Alerts alerts) {
        this.alerts = alerts;
    }

    @GetMapping("/alerts")
    String list(@RequestParam(required = false) AlertState state, Model model) {
        model.addAttribute("items", alerts.list(state, 200));
        model.addAttribute("rules", alerts.rules());
        model.addAttribute("state", state == null ? "" : state.name());
        model.addAttribute("states", AlertState.values());
        return "alerts/alerts";
    }

    @GetMapping("/alerts/{id}")
    String one(@PathVariable UUID id, Model model) {
        model.addAttribute("detail", alerts.detail(id));
        return "alerts/alert";
    }

    @PostMapping("/alerts/{id}/acknowledge")
    String acknowledge(@PathVariable UUID id, Authentication who) {
        alerts.acknowledge(id, who.getName());
        return "redirect:/alerts/" + id;
    }
}
