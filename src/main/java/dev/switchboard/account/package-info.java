/**
 * People who log in, their roles and passwords, API tokens and the first start's credentials: their pages, their API, and the answers to the security configuration's questions ({@link dev.switchboard.web.Credentials}).
 */
@ApplicationModule(displayName = "Accounts", allowedDependencies = {"web", "database"})
package dev.switchboard.account;

import org.springframework.modulith.ApplicationModule;
