package dev.switchboard.draft;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import dev.switchboard.delivery.StandardWebhooks;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How drafts come in and go out.
 *
 * @param agentSecret        the secrets the AI agent signs its drafts with (Standard Webhooks, {@code whsec_…}),
 *                           comma-separated while rotating; empty: the agent must use an AGENT_BOT API token
 * @param signatureTolerance how far a signed draft's timestamp may be from now
 * @param agentBotIds        Chatwoot agent bots whose private notes are drafts
 * @param agentUserIds       Chatwoot users (the agent's own account, if it writes as one) whose private notes are drafts
 * @param autonomy           when an intent may be trusted to send its drafts without waiting for a person
 * @param mirrorToChatwoot   post each draft into its Chatwoot conversation as a private note marked as a draft,
 *                           so people working in Chatwoot see it and can answer {@code /approve}
 */
@Validated
@ConfigurationProperties("switchboard.drafts")
public record DraftProperties(
        @DefaultValue List<String> agentSecret,
        @DefaultValue("5m") @NotNull @DurationMin(seconds = 10) @DurationMax(hours = 1) Duration signatureTolerance,
        @DefaultValue List<Long> agentBotIds,
        @DefaultValue List<Long> agentUserIds,
        @DefaultValue("false") boolean mirrorToChatwoot,
        @DefaultValue @Valid @NotNull Autonomy autonomy) {

    public DraftProperties {
        agentSecret = agentSecret.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    @AssertTrue(message = "switchboard.drafts.agent-secret must be whsec_ followed by base64")
    boolean isAgentSecretValid() {
        return agentSecret.stream().allMatch(StandardWebhooks::isValid);
    }

    /**
     * @param window         how many of an intent's latest drafts judged by people (decided, or reviewed after autonomy sent
     *                       them) count towards earning autonomy, and how many of its latest reviews towards keeping it
     * @param threshold      the share approved as written (and, while on, reviewed as good) it needs
     * @param minPolicyGrade no policy grade among those judged drafts may be below it
     * @param sampleRate     the share of drafts sent by autonomy that a person is asked to review
     */
    public record Autonomy(
            @DefaultValue("50") @Min(1) @Max(10_000) int window,
            @DefaultValue("0.95") @DecimalMin("0.5") @DecimalMax("1.0") double threshold,
            @DefaultValue("3") @Min(1) @Max(5) int minPolicyGrade,
            @DefaultValue("0.10") @DecimalMin("0.0") @DecimalMax("1.0") double sampleRate) {
    }

    List<byte[]> keys() {
        return agentSecret.stream().map(StandardWebhooks::key).toList();
    }
}
