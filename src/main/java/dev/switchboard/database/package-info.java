/**
 * The data source, the embedded PostgreSQL, node identity and time-ordered ids.
 */
@ApplicationModule(displayName = "Database", allowedDependencies = {})
package dev.switchboard.database;

import org.springframework.modulith.ApplicationModule;
