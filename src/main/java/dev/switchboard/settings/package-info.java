/**
 * The settings people change at run time, checked field by field and audited.
 */
@ApplicationModule(displayName = "Settings", allowedDependencies = {"web"})
package dev.switchboard.settings;

import org.springframework.modulith.ApplicationModule;
