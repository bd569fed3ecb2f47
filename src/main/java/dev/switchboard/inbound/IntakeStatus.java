package dev.switchboard.inbound;

import org.springframework.stereotype.Component;

/** The intake's settings as operators need to see them. */
@Component
public class IntakeStatus {

    private final InboundProperties properties;

    IntakeStatus(InboundProperties properties) {
        this.properties = properties;
    }

    public Snapshot snapshot() {
        return new Snapshot(properties.signatureMode().name().toLowerCase(), properties.secrets().size(),
                InboundConfiguration.warning(properties));
    }

    /** @param warning what an operator must know about the signature setting, or null */
    public record Snapshot(String signatureMode, int secrets, String warning) {
    }
}
