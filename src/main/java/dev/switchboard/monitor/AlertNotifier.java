package dev.switchboard.monitor;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.switchboard.email.EmailOutbox;
import dev.switchboard.email.OutgoingEmail;
import dev.switchboard.settings.SystemSettings;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tells people of an alert, in the transaction that changed it: an email through the outbox to each address on the
 * route, and a notification queued for each alert webhook on it (Slack's incoming-webhook JSON, or signed JSON).
 * Once per alert, change and recipient: the outbox's idempotency key and the evaluator's single writer see to it.
 */
@Component
class AlertNotifier {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What happened to the alert, as the notification says it. */
    enum Change {
        OPENED, ESCALATED, RESOLVED
    }

    private final EmailOutbox emails;
    private final AlertWebhooks webhooks;
    private final AlertRepository alerts;
    private final SystemSettings settings;
    private final AlertProperties properties;
    private final Clock clock;

    AlertNotifier(EmailOutbox emails, AlertWebhooks webhooks, AlertRepository alerts, SystemSettings settings, AlertProperties properties,
                  Clock clock) {
        this.emails = emails;
        this.webhooks = webhooks;
        this.alerts = alerts;
        this.settings = settings;
        this.properties = properties;
        this.clock = clock;
    }

    void notify(Alert alert, Change change) {
        List<String> route = change == Change.ESCALATED ? properties.escalation() : properties.route(alert.severity());
        Optional<String> link = settings.current().portalUrl("/alerts/" + alert.id());
        List<String> told = new ArrayList<>();
        for (String target : route) {
            if (target.contains("@")) {
                emails.enqueue(email(alert, change, target, link));
                told.add(target);
            } else {
                webhooks.enqueue(alert.id(), target, body(alert, change, target, link));
                told.add("webhook " + target);
            }
        }
        String what = change.name().toLowerCase(Locale.ROOT) + (change == Change.ESCALATED ? " (level " + alert.escalationLevel() + ")" : "");
        alerts.record(alert.id(), clock.instant(), "NOTIFIED", told.isEmpty() ? what + ": nobody is on the " + alert.severity()
                + " route (switchboard.alerts." + (change == Change.ESCALATED ? "escalation" : alert.severity().name().toLowerCase(Locale.ROOT))
                + ")" : what + ": " + String.join(", ", told));
    }

    private OutgoingEmail email(Alert alert, Change change, String to, Optional<String> link) {
        String headline = headline(alert, change);
        StringBuilder text = new StringBuilder(headline).append("\n\n")
                .append(alert.title()).append(": ").append(change == Change.RESOLVED ? alert.lastDetail() : alert.openedDetail()).append('\n')
                .append("Rule ").append(alert.rule()).append(", opened ").append(alert.openedAt()).append('\n');
        if (change == Change.RESOLVED) {
            text.append("Resolved ").append(alert.resolvedAt()).append('\n');
        } else {
            text.append(link.map(l -> "\nAcknowledge it (stops the escalation): " + l + "\n")
                    .orElse("\nAcknowledge it on the alerts page of Switchboard (/alerts).\n"));
        }
        String html = "<p><strong>" + escape(headline) + "</strong></p><p>" + escape(alert.title()) + ": "
                + escape(change == Change.RESOLVED ? alert.lastDetail() : alert.openedDetail()) + "</p>"
                + link.filter(l -> change != Change.RESOLVED).map(l -> "<p><a href=\"" + escape(l) + "\">Acknowledge it</a></p>").orElse("");
        return new OutgoingEmail("alert:" + alert.id() + ":" + change + ":" + alert.escalationLevel() + ":" + to.toLowerCase(Locale.ROOT),
                "alert", null, to, headline, text.toString(), html);
    }

    /** Slack's incoming-webhook JSON, or the signed JSON event of a {@code standard} webhook. */
    private String body(Alert alert, Change change, String webhook, Optional<String> link) {
        AlertProperties.AlertWebhook hook = properties.webhook(webhook);
        if (hook.format().equals("slack")) {
            String text = "*" + slack(headline(alert, change)) + "*\n" + slack(change == Change.RESOLVED ? alert.lastDetail() : alert.openedDetail())
                    + link.map(l -> "\n<" + l + "|Open the alert>").orElse("");
            return JSON.writeValueAsString(Map.of("text", text));
        }
        ObjectNode event = JSON.createObjectNode();
        event.put("type", "alert." + change.name().toLowerCase(Locale.ROOT));
        event.put("timestamp", clock.instant().toString());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", alert.id().toString());
        data.put("rule", alert.rule());
        data.put("severity", alert.severity().name());
        data.put("title", alert.title());
        data.put("state", change == Change.RESOLVED ? "RESOLVED" : alert.state().name());
        data.put("openedAt", alert.openedAt().toString());
        data.put("value", change == Change.RESOLVED ? alert.lastValue() : alert.openedValue());
        data.put("detail", change == Change.RESOLVED ? alert.lastDetail() : alert.openedDetail());
        data.put("escalationLevel", alert.escalationLevel());
        data.put("resolvedAt", alert.resolvedAt() == null ? null : alert.resolvedAt().toString());
        data.put("url", link.orElse(null));
        event.set("data", JSON.valueToTree(data));
        return JSON.writeValueAsString(event);
    }

    private static String headline(Alert alert, Change change) {
        return "[" + alert.severity() + "] " + alert.title() + switch (change) {
            case OPENED -> "";
            case ESCALATED -> " (not acknowledged: escalation " + alert.escalationLevel() + ")";
            case RESOLVED -> ": resolved";
        };
    }

    /** Slack's three characters to escape in text. */
    private static String slack(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String escape(String text) {
        return org.springframework.web.util.HtmlUtils.htmlEscape(text);
    }
}
