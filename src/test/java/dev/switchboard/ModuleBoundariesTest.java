package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.Violations;

/**
 * One module per feature package, each declaring the modules it may use ({@code package-info.java});
 * a module reaches another only through its API, never its internals, and never one it did not declare.
 */
class ModuleBoundariesTest {

    /** The fixture modules live in the test sources, which the check leaves out unless told. */
    private static final ImportOption FIXTURES = location -> true;

    @Test
    void feature_modules_use_only_what_they_declare_and_only_through_its_api() {
        ApplicationModules.of(SwitchboardApplication.class).verify();
    }

    @Test
    void the_check_fails_on_a_module_that_reaches_into_internals_or_an_undeclared_module() {
        assertThatCode(() -> ApplicationModules.of("modulefixtures.clean", FIXTURES).verify())
                .as("the same modules used through their API").doesNotThrowAnyException();

        assertThatThrownBy(() -> ApplicationModules.of("modulefixtures.broken", FIXTURES).verify())
                .isInstanceOf(Violations.class)
                .hasMessageContaining("depends on non-exposed type modulefixtures.broken.ledger.internal.Journal")
                .hasMessageContaining("depends on module 'reports'").hasMessageContaining("Allowed targets: ledger");
    }
}
