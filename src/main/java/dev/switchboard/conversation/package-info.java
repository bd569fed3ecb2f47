/**
 * The read model of Chatwoot's conversations, built from stored events after commit: state, contact,
 * messages and their counts, tolerant of duplicates and of events out of order.
 */
@ApplicationModule(displayName = "Conversation", allowedDependencies = {"chatwoot", "database", "inbound", "sla", "web"})
package dev.switchboard.conversation;

import org.springframework.modulith.ApplicationModule;
