package dev.switchboard.sla;

/** Where a conversation or thread stands, as far as its clocks care. */
public enum SubjectState {
    /** someone on the team has something to do (Chatwoot open or pending, a thread open) */
    OPEN,
    /** waiting on the customer or snoozed (Chatwoot snoozed, a thread pending): resolution may pause */
    PAUSED,
    /** resolved or closed: every clock stops */
    RESOLVED
}
