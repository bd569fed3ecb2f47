package dev.switchboard.refusal;

/** Who is calling could not be established: a signature that does not verify, a credential missing. */
public final class Unauthenticated extends Refusal {

    public Unauthenticated(String reason, String detail) {
        super(reason, detail);
    }
}
