package dev.switchboard.monitor;

import java.time.Duration;
import java.util.List;

/**
 * The rules the old runbook promised, with their thresholds from configuration: P0 for what stops customers being
 * answered, P1 for a part failing, P2 for degradation.
 */
final class AlertRules {

    private AlertRules() {
    }

    static List<AlertRule> from(AlertProperties.Thresholds t) {
        double clear = t.clearBelow();
        long processing = t.processingP95().toMillis();
        long email = t.emailWaiting().toSeconds();
        return List.of(
                new AlertRule("chatwoot-down", Severity.P0, "Chatwoot is not answering", false, t.healthFailures(), 1,
                        Readings::chatwootFailures, r -> r.chatwootFailures() + " failed health probes in a row"),
                new AlertRule("agent-down", Severity.P0, "The AI agent is failing", false, t.healthFailures(), 1,
                        Readings::agentFailures, r -> r.agentFailures() + " failed health probes in a row"),
                new AlertRule("delivery-success", Severity.P1, "Delivery success rate is low", true, t.deliverySuccess(),
                        Math.min(1, t.deliverySuccess() / clear),
                        r -> r.deliveryAttempts() >= t.deliveryMinAttempts() ? r.deliverySuccess() : null,
                        r -> percent(r.deliverySuccess()) + " of " + r.deliveryAttempts() + " attempts delivered in the last "
                                + minutes(t.deliveryWindow())),
                new AlertRule("destination-breaker-open", Severity.P1, "A destination's circuit breaker is open", false, 1, 1,
                        r -> r.breakersOpen().size(), r -> "open: " + String.join(", ", r.breakersOpen())),
                new AlertRule("destination-flagged", Severity.P1, "A destination is flagged (410 Gone)", false, 1, 1,
                        r -> r.flagged().size(), r -> "flagged: " + String.join(", ", r.flagged())),
                new AlertRule("processing-slow", Severity.P1, "Webhooks take long to reach conversations and triage", false, processing,
                        processing * clear, Readings::lagP95Millis, r -> "p95 " + r.lagP95Millis() + " ms over 5 min"),
                new AlertRule("sla-overdue", Severity.P1, "SLA deadlines have passed unmet", false, 1, 1,
                        Readings::slaOverdue, r -> r.slaOverdue() + " clocks past their due instant"),
                new AlertRule("draft-autonomy-revoked", Severity.P1, "An intent's AI drafts lost their autonomy", false, 1, 1,
                        r -> r.autonomyRevoked().size(), r -> "switched itself off after bad sampled reviews: "
                                + String.join(", ", r.autonomyRevoked()) + "; its drafts wait for people again"),
                new AlertRule("queue-escalate", Severity.P1, "Very many customers wait for a reply", false, t.queueEscalate(),
                        t.queueEscalate() * clear, Readings::waiting, AlertRules::waiting),
                new AlertRule("queue-waiting", Severity.P2, "Many customers wait for a reply", false, t.queueWaiting(),
                        t.queueWaiting() * clear, Readings::waiting, AlertRules::waiting),
                new AlertRule("dead-deliveries", Severity.P2, "Deliveries are going dead", false, t.deadPerHour() + 1,
                        Math.max(1, t.deadPerHour() * clear), Readings::deadLastHour, r -> r.deadLastHour() + " dead in the last hour"),
                new AlertRule("email-waiting", Severity.P2, "Emails are not going out", false, email, email * clear,
                        r -> r.oldestEmail().toSeconds(), r -> "the oldest unsent email has waited " + minutes(r.oldestEmail())));
    }

    private static String waiting(Readings r) {
        return r.waiting() + " waiting" + (r.oldestWaitingSince() == null ? ""
                : ", the longest for " + minutes(Duration.between(r.oldestWaitingSince(), r.at())));
    }

    private static String percent(Double share) {
        return share == null ? "none" : Math.round(share * 1000) / 10.0 + " %";
    }

    private static String minutes(Duration d) {
        return d.toMinutes() + " min";
    }
}
