/**
 * Native support threads: the portal, the Support Inbox, customer links, the emails threads cause.
 */
@ApplicationModule(displayName = "Threads", allowedDependencies = {"account", "database", "email", "settings", "sla", "web"})
package dev.switchboard.thread;

import org.springframework.modulith.ApplicationModule;
