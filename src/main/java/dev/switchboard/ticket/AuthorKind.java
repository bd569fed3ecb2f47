package dev.switchboard.ticket;

/** Who wrote a message. */
enum AuthorKind {
    CUSTOMER, STAFF, SYSTEM
}
