package dev.switchboard.sla;

import java.time.Instant;
import java.util.List;

/**
 * Breaches and at-risk warnings that fired, published inside the transaction that records them (once each, on the
 * one node that fired them). A listener that writes in that transaction commits or rolls back with them.
 */
public record BreachesFired(List<Breach> breaches) {

    /** @param dueAt the clock's due instant (for a warning too) */
    public record Breach(BreachKind kind, SubjectKind subjectKind, String subjectKey, ClockKind clock, String policy, int configVersion,
                         Instant dueAt, Instant firedAt) {
    }
}
