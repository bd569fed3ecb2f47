/**
 * AI drafts: replies the agent proposes (through the API or as Chatwoot private notes), decided by people in
 * Switchboard or in Chatwoot, sent exactly once, graded, and told back to the agent.
 */
@ApplicationModule(displayName = "Drafts", allowedDependencies = {"chatwoot", "conversation", "database", "delivery", "inbound",
        "sla", "thread", "web"})
package dev.switchboard.draft;

import org.springframework.modulith.ApplicationModule;
