package dev.switchboard.draft;

/** Where a draft stands: waiting for a person, or decided once and for all. */
public enum DraftStatus {
    PENDING,
    /** sent as the agent wrote it */
    APPROVED,
    /** sent as a person rewrote it */
    EDITED,
    /** never sent */
    REJECTED
}
