@ApplicationModule(allowedDependencies = {})
package modulefixtures.clean.ledger;

import org.springframework.modulith.ApplicationModule;
