package dev.switchboard.thread;

/** Who wrote a message. */
enum AuthorKind {
    CUSTOMER, STAFF, SYSTEM
}
