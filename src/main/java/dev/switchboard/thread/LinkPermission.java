package dev.switchboard.thread;

/** What a customer link allows. */
enum LinkPermission {
    VIEW, REPLY
}
