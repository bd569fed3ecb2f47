/**
 * Service levels: business-hours calendars, policies, the clocks of conversations and threads, and their breaches, fired at the due instant.
 */
@ApplicationModule(displayName = "SLA", allowedDependencies = {"database", "web"})
package dev.switchboard.sla;

import org.springframework.modulith.ApplicationModule;
