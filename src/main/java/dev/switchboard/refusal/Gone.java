package dev.switchboard.refusal;

/** It existed and no longer works (an expired or revoked link). */
public final class Gone extends Refusal {

    public Gone(String reason, String detail) {
        super(reason, detail);
    }
}
