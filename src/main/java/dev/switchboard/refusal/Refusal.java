package dev.switchboard.refusal;

/**
 * A request refused for a reason the person or program that made it can act on. Services throw these,
 * never an HTTP type; {@code web} answers each kind the same way everywhere: a problem document under
 * {@code /api/} ({@code urn:switchboard:problem:<reason>}), a message in the pages. Nothing was written.
 */
public abstract sealed class Refusal extends RuntimeException
        permits NotFound, Conflict, Invalid, RateLimited, NotAllowed, Gone, Unauthenticated {

    private final String reason;

    Refusal(String reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    /** A short, stable name for the reason, such as {@code thread-closed}: what clients switch on. */
    public String reason() {
        return reason;
    }
}
