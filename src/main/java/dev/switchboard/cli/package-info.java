/**
 * The jar's commands: serve, simulate, deliveries, the health checks of the neighbours.
 */
@ApplicationModule(displayName = "Command line", allowedDependencies = {"chatwoot", "delivery", "inbound"})
package dev.switchboard.cli;

import org.springframework.modulith.ApplicationModule;
