package dev.switchboard.sla;

/** Which promise a clock keeps. */
public enum ClockKind {
    /** from the first customer message to the first public reply by a person */
    FIRST_RESPONSE,
    /** from the oldest unanswered customer message to the next public reply by a person, once per wait */
    NEXT_RESPONSE,
    /** from creation to resolved; paused while the customer is waited on, when the policy says so */
    RESOLUTION
}
