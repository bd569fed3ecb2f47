/**
 * The on-call view: the health summary, the dashboard, browser error reports.
 */
@ApplicationModule(displayName = "Monitor", allowedDependencies = {"chatwoot", "conversation", "database", "delivery", "draft", "email", "inbound", "settings", "sla", "thread", "web"})
package dev.switchboard.monitor;

import org.springframework.modulith.ApplicationModule;
