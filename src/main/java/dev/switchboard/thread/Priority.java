package dev.switchboard.thread;

/** How urgent a thread is, as the customer said or staff decided. */
enum Priority {
    LOW, MEDIUM, HIGH, URGENT
}
