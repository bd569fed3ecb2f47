package dev.switchboard.delivery;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
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
 * Where accepted events are delivered, and how hard Switchboard tries.
 *
 * @param agentUrl          the AI agent's webhook endpoint (env {@code AGENT_SDK_URL}); unset: no agent destination
 * @param agentSecret       the agent's Standard Webhooks signing secrets, {@code whsec_…}, comma-separated while
 *                          rotating (env {@code AGENT_SDK_SECRET}); unset: generated on first start and printed once
 * @param agentEvents       the events the agent receives; empty for all
 * @param agentTimeout      how long one attempt to the agent may take; at most 30 s, so that a crashed
 *                          node's leases (timeout + 30 s) are taken over within a minute
 * @param agentSchedule     the agent's retry schedule: {@code svix} or {@code legacy} (1 s, 2 s, 4 s)
 * @param agentConcurrency  the most attempts to the agent in flight at once, per node
 * @param destinations      further destinations, each with its own url, secret, events, timeout, schedule
 * @param batchSize         the most deliveries one claim takes
 * @param pollInterval      how often workers look for due deliveries when nothing woke them (retries and
 *                          replayed deliveries becoming due are found this way)
 * @param breakerFailures   consecutive failed attempts that open a destination's circuit breaker
 * @param breakerOpenFor    how long an open breaker waits before one probe attempt
 * @param retention         how long attempts are kept (events, and their deliveries with them, as long as
 *                          {@code switchboard.inbound.retention})
 * @param replayRate        how many replayed deliveries per second are released at most
 */
@Validated
@ConfigurationProperties("switchboard.delivery")
public record DeliveryProperties(
        URI agentUrl,
        @DefaultValue List<String> agentSecret,
        @DefaultValue List<String> agentEvents,
        @DefaultValue("10s") @NotNull @DurationMin(millis = 100) @DurationMax(seconds = 30) Duration agentTimeout,
        @DefaultValue("svix") @NotNull RetrySchedule.Preset agentSchedule,
        @DefaultValue("32") @Min(1) @Max(1024) int agentConcurrency,
        @DefaultValue @Valid List<DestinationSettings> destinations,
        @DefaultValue("200") @Min(1) @Max(5000) int batchSize,
        @DefaultValue("250ms") @NotNull @DurationMin(millis = 50) @DurationMax(minutes = 5) Duration pollInterval,
        @DefaultValue("10") @Min(1) @Max(10000) int breakerFailures,
        @DefaultValue("30s") @NotNull @DurationMin(seconds = 1) Duration breakerOpenFor,
        @DefaultValue("30d") @NotNull @DurationMin(days = 1) Duration retention,
        @DefaultValue("50") @Min(1) @Max(10000) int replayRate) {

    public DeliveryProperties {
        agentSecret = clean(agentSecret);
        agentEvents = clean(agentEvents);
        destinations = destinations == null ? List.of() : destinations;
    }

    @AssertTrue(message = "switchboard.delivery.agent-url (AGENT_SDK_URL) must be an absolute http:// or https:// URL")
    boolean isAgentUrlValid() {
        return agentUrl == null || DestinationSettings.isHttpUrl(agentUrl);
    }

    @AssertTrue(message = "switchboard.delivery.agent-secret (AGENT_SDK_SECRET) must be whsec_ followed by base64")
    boolean isAgentSecretValid() {
        return agentSecret.stream().allMatch(StandardWebhooks::isValid);
    }

    @AssertTrue(message = "switchboard.delivery.destinations names must be unique and not 'agent'")
    boolean isDestinationNamesValid() {
        List<String> names = destinations.stream().map(DestinationSettings::name).toList();
        return names.stream().distinct().count() == names.size() && !names.contains(AGENT);
    }

    static final String AGENT = "agent";

    static List<String> clean(List<String> values) {
        return values == null ? List.of() : values.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * @param name        a short name, used in metrics, logs and the API
     * @param url         where to POST
     * @param secret      {@code whsec_…} signing secrets, comma-separated while rotating
     * @param events      the events it receives; empty for all
     * @param timeout     how long one attempt may take
     * @param schedule    {@code svix} or {@code legacy}
     * @param concurrency the most attempts in flight at once, per node
     */
    public record DestinationSettings(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,39}") String name,
            @NotNull URI url,
            @DefaultValue List<String> secret,
            @DefaultValue List<String> events,
            @DefaultValue("10s") @NotNull @DurationMin(millis = 100) @DurationMax(seconds = 30) Duration timeout,
            @DefaultValue("svix") @NotNull RetrySchedule.Preset schedule,
            @DefaultValue("32") @Min(1) @Max(1024) int concurrency) {

        public DestinationSettings {
            secret = clean(secret);
            events = clean(events);
        }

        @AssertTrue(message = "url must be an absolute http:// or https:// URL")
        boolean isUrlValid() {
            return url == null || isHttpUrl(url);
        }

        @AssertTrue(message = "secret must be whsec_ followed by base64 and is required")
        boolean isSecretValid() {
            return !secret.isEmpty() && secret.stream().allMatch(StandardWebhooks::isValid);
        }

        static boolean isHttpUrl(URI url) {
            return url.isAbsolute() && url.getHost() != null && ("http".equals(url.getScheme()) || "https".equals(url.getScheme()));
        }
    }
}
