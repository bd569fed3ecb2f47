/**
 * The Chatwoot instance Switchboard talks back to.
 */
@ApplicationModule(displayName = "Chatwoot", allowedDependencies = {})
package dev.switchboard.chatwoot;

import org.springframework.modulith.ApplicationModule;
