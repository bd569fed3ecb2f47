package dev.switchboard.chatwoot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import dev.switchboard.support.IntegrationTest;
import dev.switchboard.support.WithFakeChatwoot;
import dev.switchboard.web.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The server watches Chatwoot itself: probes kept, state and since when, an alert after two failures in a row. */
@IntegrationTest
class ChatwootProbeTest extends WithFakeChatwoot {

    @Autowired
    ChatwootProbe probe;
    @Autowired
    ChatwootHealth health;

    /** The probe's own schedule stops for good here: these tests probe a step at a time. */
    @BeforeEach
    void noProbesYet() {
        probe.stop();
        clock.set(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        jdbc.sql("TRUNCATE chatwoot_probes").update();
        jdbc.sql("TRUNCATE chatwoot_actions").update();
    }

    @Test
    void chatwoot_up_is_online_since_the_first_good_probe() {
        Instant first = clock.instant();
        assertThat(probe.runOnce()).isTrue();
        clock.advance(Duration.ofMinutes(1));
        probe.runOnce();

        ChatwootHealth.Snapshot now = health.snapshot();
        assertThat(now.online()).isTrue();
        assertThat(now.since()).isEqualTo(first);
        assertThat(now.alert()).isFalse();
        assertThat(now.recent()).hasSize(2);
    }

    @Test
    void one_failed_probe_is_offline_and_two_in_a_row_raise_the_alert_in_support_health() {
        probe.runOnce();
        CHATWOOT.down(true);
        clock.advance(Duration.ofMinutes(1));
        Instant wentDown = clock.instant();
        probe.runOnce();

        ChatwootHealth.Snapshot once = health.snapshot();
        assertThat(once.online()).isFalse();
        assertThat(once.failuresInARow()).isEqualTo(1);
        assertThat(once.alert()).as("one failure is not yet an alert").isFalse();
        assertThat(once.recent().getFirst().health()).contains("502");

        clock.advance(Duration.ofMinutes(1));
        probe.runOnce();

        ChatwootHealth.Snapshot twice = health.snapshot();
        assertThat(twice.alert()).isTrue();
        assertThat(twice.since()).isEqualTo(wentDown);
        assertThat(twice.transitions()).extracting(ChatwootHealth.Transition::online).containsExactly(false, true);
        var summary = http.get("/api/support/health", token(Role.VIEWER)).json();
        assertThat(summary.path("status").asString()).isEqualTo("ATTENTION");
        assertThat(summary.path("alerts").toString()).contains("Chatwoot has been offline since");

        CHATWOOT.down(false);
        clock.advance(Duration.ofMinutes(1));
        probe.runOnce();
        assertThat(health.snapshot().online()).isTrue();
        assertThat(health.snapshot().alert()).isFalse();
    }

    @Test
    void failing_services_behind_a_healthy_web_server_are_offline() {
        CHATWOOT.servicesFailing(true);
        probe.runOnce();

        assertThat(health.snapshot().online()).isFalse();
        assertThat(health.snapshot().recent().getFirst().services()).contains("services failing");
    }

    @Test
    void a_node_skips_its_turn_when_another_probed_within_the_interval() {
        assertThat(probe.runOnce()).isTrue();
        clock.advance(Duration.ofSeconds(5));
        assertThat(probe.runOnce()).isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(probe.runOnce()).as("a full interval later").isTrue();
    }
}
