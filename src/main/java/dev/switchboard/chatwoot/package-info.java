/**
 * Chatwoot's REST API: the client, durable Chatwoot actions (labels, notes, priority, status,
 * assignment) carried out by workers after commit, and the probe that watches Chatwoot's health.
 */
@ApplicationModule(displayName = "Chatwoot", allowedDependencies = {"database", "web"})
package dev.switchboard.chatwoot;

import org.springframework.modulith.ApplicationModule;
