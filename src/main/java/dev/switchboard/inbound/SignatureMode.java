package dev.switchboard.inbound;

/** How the intake treats Chatwoot's {@code X-Chatwoot-Signature}. */
public enum SignatureMode {
    /** Refuse any webhook without a valid, fresh signature (the default). */
    ENFORCE,
    /** Accept webhooks whose signature is missing or wrong, but mark and count them. */
    WARN,
    /** Check nothing: for Chatwoot before 4.11.2 and automation-rule webhooks, which are unsigned. */
    OFF
}
