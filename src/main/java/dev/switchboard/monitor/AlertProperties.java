package dev.switchboard.monitor;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Alerts: when the rules are evaluated, how they settle, who hears of them. A route is a list of email addresses and
 * alert webhook names ({@code oncall@example.com,slack-oncall}).
 *
 * @param evaluateInterval how often the rules are evaluated (by one node at a time)
 * @param minimumOpen      how long an alert stays open at least, however soon its condition clears (no flapping)
 * @param p0               who hears of P0 alerts
 * @param p1               who hears of P1 alerts
 * @param p2               who hears of P2 alerts
 * @param escalateAfter    how long after it opened an unacknowledged P0 goes to the escalation route, each in turn
 * @param escalation       who hears of an unacknowledged P0 at each escalation
 * @param webhooks         alert webhooks: Slack incoming webhooks, or signed JSON (Standard Webhooks) to any endpoint
 * @param agentHealthUrl   the AI agent's health endpoint, probed every {@code probe-interval} (env {@code AGENT_HEALTH_URL});
 *                         unset: {@code /health} on the host of the agent's webhook address, if there is one
 * @param probeInterval    how often the agent's health is probed (by one node at a time)
 */
@Validated
@ConfigurationProperties("switchboard.alerts")
public record AlertProperties(
        @DefaultValue("15s") @NotNull @DurationMin(millis = 100) @DurationMax(minutes = 10) Duration evaluateInterval,
        @DefaultValue("5m") @NotNull @DurationMin(seconds = 0) @DurationMax(hours = 24) Duration minimumOpen,
        @DefaultValue List<String> p0,
        @DefaultValue List<String> p1,
        @DefaultValue List<String> p2,
        @DefaultValue({"10m", "30m"}) List<Duration> escalateAfter,
        @DefaultValue List<String> escalation,
        @DefaultValue @Valid List<AlertWebhook> webhooks,
        java.net.URI agentHealthUrl,
        @DefaultValue("1m") @NotNull @DurationMin(seconds = 1) @DurationMax(hours = 1) Duration probeInterval,
        @DefaultValue @Valid @NotNull Thresholds thresholds) {

    List<String> route(Severity severity) {
        return switch (severity) {
            case P0 -> p0;
            case P1 -> p1;
            case P2 -> p2;
        };
    }

    AlertWebhook webhook(String name) {
        return webhooks.stream().filter(w -> w.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no alert webhook is named " + name));
    }

    /** Every route names email addresses or configured webhooks, so no alert goes nowhere by a typo. */
    @AssertTrue(message = "every entry of switchboard.alerts.p0, p1, p2 and escalation must be an email address or the name of a"
            + " webhook in switchboard.alerts.webhooks")
    public boolean isEveryRouteKnown() {
        java.util.Set<String> names = new java.util.HashSet<>();
        webhooks.forEach(w -> names.add(w.name()));
        return java.util.stream.Stream.of(p0, p1, p2, escalation).flatMap(List::stream)
                .allMatch(target -> target.matches("[^@\\s]+@[^@\\s]+") || names.contains(target));
    }

    /** A signed webhook needs its secret. */
    @AssertTrue(message = "a webhook of format standard needs a secret (whsec_ and at least 16 bytes in base64)")
    public boolean isEverySignedWebhookKeyed() {
        return webhooks.stream().allMatch(w -> !"standard".equals(w.format()) || dev.switchboard.delivery.StandardWebhooks.isValid(w.secret()));
    }

    /**
     * @param name   how routes name it
     * @param url    where it is POSTed
     * @param format {@code slack} (Slack's incoming-webhook JSON) or {@code standard} (signed JSON, Standard Webhooks)
     * @param secret the {@code whsec_} signing secret of a {@code standard} webhook
     */
    public record AlertWebhook(@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,39}") String name, @NotNull java.net.URI url,
                               @DefaultValue("slack") @Pattern(regexp = "slack|standard") String format, String secret) {
    }

    /**
     * @param queueWaiting        conversations and threads waiting for a human reply that open a P2 alert
     * @param queueEscalate       that many open a P1 alert
     * @param clearBelow          a count or rate alert resolves when its reading is back past this share of its threshold
     * @param processingP95       the p95 of webhook-to-model time (over 5 minutes) above which a P1 alert opens
     * @param deliverySuccess     the delivery success rate under which a P1 alert opens
     * @param deliveryWindow      the window of that success rate
     * @param deliveryMinAttempts attempts in the window before the rate is judged
     * @param deadPerHour         deliveries dead in the last hour above which a P2 alert opens
     * @param emailWaiting        how long the oldest unsent email may wait before a P2 alert opens
     * @param healthFailures      failed health probes in a row (Chatwoot's, the agent's) that open a P0 alert
     */
    public record Thresholds(
            @DefaultValue("50") @Min(1) int queueWaiting,
            @DefaultValue("100") @Min(1) int queueEscalate,
            @DefaultValue("0.9") @DecimalMin("0.1") @DecimalMax("1.0") double clearBelow,
            @DefaultValue("1s") @NotNull Duration processingP95,
            @DefaultValue("0.8") @DecimalMin("0.0") @DecimalMax("1.0") double deliverySuccess,
            @DefaultValue("10m") @NotNull @DurationMin(minutes = 1) @DurationMax(hours = 24) Duration deliveryWindow,
            @DefaultValue("20") @Min(1) int deliveryMinAttempts,
            @DefaultValue("10") @Min(0) int deadPerHour,
            @DefaultValue("15m") @NotNull Duration emailWaiting,
            @DefaultValue("2") @Min(1) @Max(100) int healthFailures) {
    }
}
