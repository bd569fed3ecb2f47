/**
 * The email outbox and the SMTP sender; features fill {@link dev.switchboard.email.SendTimeLinks} with their links.
 */
@ApplicationModule(displayName = "Email", allowedDependencies = {"database"})
package dev.switchboard.email;

import org.springframework.modulith.ApplicationModule;
