package dev.switchboard.sla;

/** What fired for a clock. */
public enum BreachKind {
    /** the at-risk warning, the policy's lead time before the due instant */
    AT_RISK,
    /** the due instant passed and the clock was not met */
    BREACHED
}
