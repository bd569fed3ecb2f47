package dev.switchboard.thread;

/** Who may read a message: EXTERNAL replies reach the customer, INTERNAL notes never do. */
enum Visibility {
    EXTERNAL, INTERNAL
}
