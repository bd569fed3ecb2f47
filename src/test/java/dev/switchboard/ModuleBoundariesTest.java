package dev.switchboard;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** One package per feature; features reach each other only through their public top-level types. */
class ModuleBoundariesTest {

    @Test
    void feature_packages_respect_their_boundaries() {
        ApplicationModules.of(SwitchboardApplication.class).verify();
    }
}
