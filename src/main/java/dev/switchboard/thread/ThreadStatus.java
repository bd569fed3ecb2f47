package dev.switchboard.thread;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a thread stands. Staff move OPEN↔PENDING, OPEN/PENDING→RESOLVED, RESOLVED→CLOSED and reopen
 * RESOLVED/CLOSED; a customer's reply moves PENDING or RESOLVED back to OPEN.
 */
enum ThreadStatus {
    /** Waiting on staff. */
    OPEN,
    /** Waiting on the customer. */
    PENDING,
    /** Answered; closes by itself after a while unless the customer writes again. */
    RESOLVED,
    /** Done; only staff reopen it. */
    CLOSED;

    Set<ThreadStatus> staffMoves() {
        return switch (this) {
            case OPEN -> EnumSet.of(PENDING, RESOLVED);
            case PENDING -> EnumSet.of(OPEN, RESOLVED);
            case RESOLVED -> EnumSet.of(CLOSED, OPEN);
            case CLOSED -> EnumSet.of(OPEN);
        };
    }

    /** Where a customer's reply takes the thread; CLOSED takes no replies. */
    ThreadStatus afterCustomerReply() {
        return switch (this) {
            case OPEN, PENDING, RESOLVED -> OPEN;
            case CLOSED -> throw new IllegalStateException("a closed thread takes no customer replies");
        };
    }
}
