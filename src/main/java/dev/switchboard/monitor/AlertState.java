package dev.switchboard.monitor;

/** Where an alert stands. */
enum AlertState {
    /** its condition holds and nobody has said they are on it */
    OPEN,
    /** someone is on it: no further escalation */
    ACKNOWLEDGED,
    /** its condition cleared */
    RESOLVED
}
