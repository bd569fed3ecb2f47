package dev.switchboard.monitor;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/alerts}: alerts and their history (VIEWER), the rules as last judged (VIEWER), acknowledging and
 * replaying dead alert webhooks (AGENT).
 */
@RestController
@RequestMapping("/api/alerts")
class AlertController {

    private final Alerts alerts;

    AlertController(Alerts alerts) {
        this.alerts = alerts;
    }

    @GetMapping
    List<Alert> list(@RequestParam(required = false) AlertState state, @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return alerts.list(state, limit);
    }

    @GetMapping("/{id}")
    Alerts.AlertDetail one(@PathVariable UUID id) {
        return alerts.detail(id);
    }

    @PostMapping("/{id}/acknowledge")
    Alert acknowledge(@PathVariable UUID id, Authentication who) {
        return alerts.acknowledge(id, who.getName());
    }

    @GetMapping("/rules")
    List<AlertEvaluator.RuleState> rules() {
        return alerts.rules();
    }

    /** Dead alert webhooks back in the queue: one ({@code id}) or all. */
    @PostMapping("/notifications/replay")
    Map<String, Integer> replay(@RequestParam(required = false) UUID id) {
        return Map.of("replayed", alerts.replay(id));
    }
}
