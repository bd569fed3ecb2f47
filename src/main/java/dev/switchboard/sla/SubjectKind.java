package dev.switchboard.sla;

/** What a clock runs for: a Chatwoot conversation or a native thread. */
public enum SubjectKind {
    /** key: {@code <account id>:<conversation id>} */
    CONVERSATION,
    /** key: the thread's id */
    THREAD
}
