package dev.switchboard.ticket;

/** What a customer link allows. */
enum LinkPermission {
    VIEW, REPLY
}
