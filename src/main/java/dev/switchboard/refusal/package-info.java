/**
 * The kinds of refusal every feature may throw: a shared kernel with no dependencies, so services say what
 * went wrong without naming an HTTP status, and {@code web} maps each kind in one place. Shared: every
 * module may use it without declaring it (see {@code SwitchboardApplication}).
 */
@ApplicationModule(displayName = "Refusals", allowedDependencies = {})
package dev.switchboard.refusal;

import org.springframework.modulith.ApplicationModule;
