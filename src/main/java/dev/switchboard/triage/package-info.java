/**
 * Triage: each new customer message classified by intent and checked for reasons to escalate (anger, VIP,
 * repeated contact, asking for a person, threats), with evidence, and the Chatwoot actions that follow.
 */
@ApplicationModule(displayName = "Triage", allowedDependencies = {"chatwoot", "conversation", "database", "sla", "web"})
package dev.switchboard.triage;

import org.springframework.modulith.ApplicationModule;
