package dev.switchboard.monitor;

/** How urgent an alert is, as the runbook grades it. */
public enum Severity {
    /** customers are affected now: page someone */
    P0,
    /** a part is failing: someone looks within the hour */
    P1,
    /** something degrades: someone looks today */
    P2
}
