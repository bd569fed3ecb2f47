package dev.switchboard.thread;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.impl.NoOpLog;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The old switchboard.ticket.* names still work for one release, below the new ones, with a warning. */
class LegacyTicketSettingsTest {

    final List<String> warnings = new ArrayList<>();

    @Test
    void an_old_name_still_sets_the_thread_setting_and_says_so() {
        StandardEnvironment environment = environment(Map.of("switchboard.ticket.raise-per-hour", "7"));
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("env",
                Map.of("SWITCHBOARD_TICKET_LINK_VALIDITY", "3d")));

        ThreadProperties properties = bindAfterPostProcessing(environment);

        assertThat(properties.raisePerHour()).isEqualTo(7);
        assertThat(properties.linkValidity()).isEqualTo(Duration.ofDays(3));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("switchboard.ticket.raise-per-hour is deprecated")
                .contains("switchboard.thread.raise-per-hour").contains("SWITCHBOARD_THREAD_RAISE_PER_HOUR"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("switchboard.ticket.link-validity"));
    }

    @Test
    void a_new_name_wins_over_the_old_one() {
        ThreadProperties properties = bindAfterPostProcessing(environment(Map.of(
                "switchboard.ticket.raise-per-hour", "7", "switchboard.thread.raise-per-hour", "9")));

        assertThat(properties.raisePerHour()).isEqualTo(9);
        assertThat(warnings).singleElement().asString().contains("the old value is ignored");
    }

    @Test
    void without_old_names_nothing_is_said_and_the_defaults_hold() {
        ThreadProperties properties = bindAfterPostProcessing(environment(Map.of("switchboard.thread.raise-per-hour", "5")));

        assertThat(properties.raisePerHour()).isEqualTo(5);
        assertThat(properties.linkValidity()).isEqualTo(Duration.ofDays(7));
        assertThat(warnings).isEmpty();
    }

    private static StandardEnvironment environment(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", settings));
        return environment;
    }

    private ThreadProperties bindAfterPostProcessing(StandardEnvironment environment) {
        new LegacyTicketSettings(supplier -> new NoOpLog() {
            @Override
            public void warn(Object message) {
                warnings.add(message.toString());
            }
        }).postProcessEnvironment(environment, new SpringApplication());
        return Binder.get(environment).bindOrCreate("switchboard.thread", ThreadProperties.class);
    }
}
