package dev.switchboard.refusal;

/** The caller is known, but what they hold does not allow this (a read-only link, a token that is no person). */
public final class NotAllowed extends Refusal {

    public NotAllowed(String reason, String detail) {
        super(reason, detail);
    }
}
