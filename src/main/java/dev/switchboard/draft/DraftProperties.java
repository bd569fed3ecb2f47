package dev.switchboard.draft;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.AssertTrue;
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
        @DefaultValue("false") boolean mirrorToChatwoot) {

    public DraftProperties {
        agentSecret = agentSecret.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    @AssertTrue(message = "switchboard.drafts.agent-secret must be whsec_ followed by base64")
    boolean isAgentSecretValid() {
        return agentSecret.stream().allMatch(StandardWebhooks::isValid);
    }

    List<byte[]> keys() {
        return agentSecret.stream().map(StandardWebhooks::key).toList();
    }
}
