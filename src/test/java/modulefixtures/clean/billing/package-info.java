@ApplicationModule(allowedDependencies = {"ledger"})
package modulefixtures.clean.billing;

import org.springframework.modulith.ApplicationModule;
