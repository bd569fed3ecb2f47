package dev.switchboard.inbound;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class InboundConfiguration {

    private static final Logger log = LoggerFactory.getLogger(InboundConfiguration.class);

    @Bean
    ChatwootSignature chatwootSignature(InboundProperties properties) {
        String warning = warning(properties);
        if (warning != null) {
            log.warn("!!! {}", warning);
        } else {
            log.info("Webhook signatures: {} with {} secret(s)", properties.signatureMode(), properties.secrets().size());
        }
        return new ChatwootSignature(properties.signatureMode(), properties.secrets(), properties.timestampTolerance());
    }

    @Bean
    EventParser eventParser() {
        return new EventParser();
    }

    /** What an operator must know about the signature setting, or null when all is as it should be. */
    static String warning(InboundProperties properties) {
        return switch (properties.signatureMode()) {
            case OFF -> "Webhook signatures are OFF (switchboard.inbound.signature-mode=off): anyone who can reach "
                    + "/api/webhooks/chatwoot can inject events";
            case WARN -> "Webhook signatures are checked but NOT enforced (signature-mode=warn): events with a missing "
                    + "or wrong signature are stored and marked invalid";
            case ENFORCE -> properties.secrets().isEmpty()
                    ? "No webhook secret is configured (CHATWOOT_WEBHOOK_SECRET): every webhook is refused with 401"
                    : null;
        };
    }
}
