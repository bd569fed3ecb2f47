package dev.switchboard.chatwoot;

import java.net.URI;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The Chatwoot instance Switchboard talks back to.
 *
 * @param baseUrl   Chatwoot's address, e.g. {@code https://chat.example.com} (env {@code CHATWOOT_BASE_URL})
 * @param apiKey    an administrator's or agent bot's access token, sent as {@code api_access_token}
 *                  (env {@code CHATWOOT_API_KEY})
 * @param accountId the Chatwoot account id (env {@code CHATWOOT_ACCOUNT_ID})
 */
@Validated
@ConfigurationProperties("switchboard.chatwoot")
public record ChatwootProperties(URI baseUrl, String apiKey, @Positive Long accountId) {

    @AssertTrue(message = "switchboard.chatwoot.base-url (CHATWOOT_BASE_URL) must be an absolute http:// or https:// URL")
    boolean isBaseUrlValid() {
        return baseUrl == null || (baseUrl.isAbsolute() && baseUrl.getHost() != null
                && ("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme())));
    }

    @Override
    public String toString() {
        return "ChatwootProperties[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "unset" : "***") + ", accountId=" + accountId + "]";
    }
}
