package dev.switchboard.delivery;

import java.net.URI;

import jakarta.validation.constraints.AssertTrue;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where accepted events are delivered.
 *
 * @param agentUrl the AI agent's webhook endpoint (env {@code AGENT_SDK_URL})
 */
@Validated
@ConfigurationProperties("switchboard.delivery")
public record DeliveryProperties(URI agentUrl) {

    @AssertTrue(message = "switchboard.delivery.agent-url (AGENT_SDK_URL) must be an absolute http:// or https:// URL")
    boolean isAgentUrlValid() {
        return agentUrl == null || (agentUrl.isAbsolute() && agentUrl.getHost() != null
                && ("http".equals(agentUrl.getScheme()) || "https".equals(agentUrl.getScheme())));
    }
}
