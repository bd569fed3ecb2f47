/**
 * The Chatwoot webhook intake: signature, parsing, dedupe, storing events (group commit).
 */
@ApplicationModule(displayName = "Inbound", allowedDependencies = {"database"})
package dev.switchboard.inbound;

import org.springframework.modulith.ApplicationModule;
