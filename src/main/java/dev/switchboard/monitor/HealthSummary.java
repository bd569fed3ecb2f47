package dev.switchboard.monitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.switchboard.chatwoot.ChatwootHealth;
import dev.switchboard.conversation.Conversations;
import dev.switchboard.delivery.DeliveryHealth;
import dev.switchboard.email.EmailStatus;
import dev.switchboard.inbound.IntakeStatus;
import org.springframework.stereotype.Component;

/**
 * The on-call view: intake, delivery and email read together, with every condition that needs a
 * person as an alert line. {@code status} is ATTENTION when any alert stands, OK otherwise.
 */
@Component
class HealthSummary {

    /** An email waiting longer than this means sending is stuck, not just retrying once. */
    private static final Duration OLD_EMAIL = Duration.ofMinutes(15);
    /** Events waiting longer than this for the conversation model mean it is stuck or far behind, not busy. */
    private static final Duration MODEL_BEHIND = Duration.ofMinutes(2);
    /** Rules whose condition the lines above already tell, in more words. */
    private static final java.util.Set<String> SAID_ABOVE = java.util.Set.of("chatwoot-down", "destination-breaker-open",
            "destination-flagged", "email-waiting");
    /** Dashboards open on many screens share one reading per node within this time. */
    private static final Duration SHARED_FOR = Duration.ofSeconds(10);

    private final DeliveryHealth delivery;
    private final IntakeStatus intake;
    private final EmailStatus emails;
    private final ChatwootHealth chatwoot;
    private final Conversations conversations;
    private final Alerts alertRules;
    private final MonitorReadings readings;
    private final Clock clock;
    private volatile SupportHealth lastRead;

    HealthSummary(DeliveryHealth delivery, IntakeStatus intake, EmailStatus emails, ChatwootHealth chatwoot,
                  Conversations conversations, Alerts alertRules, MonitorReadings readings, Clock clock) {
        this.alertRules = alertRules;
        this.readings = readings;
        this.chatwoot = chatwoot;
        this.conversations = conversations;
        this.delivery = delivery;
        this.intake = intake;
        this.emails = emails;
        this.clock = clock;
    }

    /** A reading at most {@link #SHARED_FOR} old, for pages that refresh by themselves. */
    SupportHealth recent() {
        SupportHealth read = lastRead;
        Instant now = clock.instant();
        if (read != null && !now.isBefore(read.checkedAt()) && Duration.between(read.checkedAt(), now).compareTo(SHARED_FOR) < 0) {
            return read;
        }
        return now();
    }

    /** The next reading is a fresh one, whatever the clock says (tests start from a known state). */
    void forgetSharedReading() {
        lastRead = null;
    }

    SupportHealth now() {
        DeliveryHealth.Snapshot deliveries = delivery.snapshot();
        IntakeStatus.Snapshot signature = intake.snapshot();
        List<String> alerts = new ArrayList<>(deliveries.alerts());
        if (signature.warning() != null) {
            alerts.add(signature.warning());
        }
        EmailStatus.Snapshot outbox = emails.now();
        if (outbox.pending() > 0 && !outbox.smtpConfigured()) {
            alerts.add(outbox.pending() + " emails are waiting: no SMTP server is configured (spring.mail.host)");
        } else if (outbox.oldestPendingAge().compareTo(OLD_EMAIL) > 0) {
            alerts.add("The oldest unsent email has waited " + outbox.oldestPendingAge().toMinutes() + " min: is the SMTP server refusing?");
        }
        ChatwootHealth.Snapshot chatwootNow = chatwoot.snapshot();
        alerts.addAll(chatwootAlerts(chatwootNow));
        Conversations.Health model = conversations.health();
        if (model.oldestSeconds() > MODEL_BEHIND.toSeconds()) {
            alerts.add("The conversation model is " + model.oldestSeconds() + " s behind the events (" + model.waiting()
                    + " waiting): conversations and triage show an older state");
        }
        if (model.skipped() > 0) {
            alerts.add(model.skipped() + " events could not be applied to the conversation model: see conversation_skipped_events,"
                    + " then POST /api/conversations/rebuild");
        }
        List<AlertEvaluator.RuleState> rules = alertRules.rules(readings.from(deliveries, chatwootNow, model, outbox));
        rules.stream().filter(r -> (r.firing() || r.alertId() != null) && !SAID_ABOVE.contains(r.rule()))
                .forEach(r -> alerts.add("[" + r.severity() + "] " + r.title() + ": " + r.detail()));
        SupportHealth read = new SupportHealth(alerts.isEmpty() ? "OK" : "ATTENTION", clock.instant(), alerts, rules, signature,
                deliveries, outbox, chatwootNow, model);
        lastRead = read;
        return read;
    }

    private List<String> chatwootAlerts(ChatwootHealth.Snapshot now) {
        List<String> alerts = new ArrayList<>();
        if (now.alert()) {
            alerts.add("Chatwoot has been offline since " + now.since() + " (" + now.failuresInARow()
                    + " failed probes in a row): labels, notes and replies wait until it is back");
        }
        if (now.actions().dead() > 0) {
            alerts.add(now.actions().dead() + " Chatwoot actions are dead: look at /api/chatwoot/actions?status=DEAD and replay them");
        }
        if (now.actions().pending() > 0 && !now.actionsConfigured()) {
            alerts.add(now.actions().pending() + " Chatwoot actions are waiting: Chatwoot's address or API key is not set"
                    + " (CHATWOOT_BASE_URL, CHATWOOT_API_KEY)");
        }
        return alerts;
    }

    /** @param rules every alert rule with its reading, thresholds, whether it fires, and its alert */
    record SupportHealth(String status, Instant checkedAt, List<String> alerts, List<AlertEvaluator.RuleState> rules,
                         IntakeStatus.Snapshot intake,
                         DeliveryHealth.Snapshot deliveries, EmailStatus.Snapshot emails, ChatwootHealth.Snapshot chatwoot,
                         Conversations.Health conversations) {
    }
}
