/**
 * Service levels: business-hours calendars, and (being built) policies, clocks and breaches.
 */
@ApplicationModule(displayName = "SLA", allowedDependencies = {})
package dev.switchboard.sla;

import org.springframework.modulith.ApplicationModule;
