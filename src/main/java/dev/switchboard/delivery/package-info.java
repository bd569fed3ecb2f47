/**
 * The outbox to destinations: leased claims, attempts, retries, dead deliveries, replay, breakers, metrics, pages.
 */
@ApplicationModule(displayName = "Delivery", allowedDependencies = {"database", "inbound", "web"})
package dev.switchboard.delivery;

import org.springframework.modulith.ApplicationModule;
