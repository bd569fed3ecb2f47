package dev.switchboard.refusal;

/** What the request names does not exist (or is not the caller's to know of). */
public final class NotFound extends Refusal {

    public NotFound(String detail) {
        this("not-found", detail);
    }

    public NotFound(String reason, String detail) {
        super(reason, detail);
    }
}
