package dev.switchboard.sla;

/** Where a clock stands; whether it was met in time is {@code endedAt} against {@code dueAt}. */
public enum ClockState {
    /** counting towards its due instant */
    RUNNING,
    /** stopped for now (the customer is waited on); it runs on from where it was */
    PAUSED,
    /** the reply or the resolution came */
    MET,
    /** resolved before a reply: nothing left to answer, neither met nor missed */
    STOPPED
}
