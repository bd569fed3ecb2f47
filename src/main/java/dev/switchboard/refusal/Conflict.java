package dev.switchboard.refusal;

/** The request is well formed but the state of things does not allow it now (a closed thread, a name taken). */
public final class Conflict extends Refusal {

    public Conflict(String reason, String detail) {
        super(reason, detail);
    }
}
