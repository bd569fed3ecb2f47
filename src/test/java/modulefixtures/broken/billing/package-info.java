@ApplicationModule(allowedDependencies = {"ledger"})
package modulefixtures.broken.billing;

import org.springframework.modulith.ApplicationModule;
