@ApplicationModule(allowedDependencies = {})
package modulefixtures.broken.ledger;

import org.springframework.modulith.ApplicationModule;
