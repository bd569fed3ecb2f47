package dev.switchboard.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Mode off, chosen explicitly for unsigned senders: accepted, marked unchecked, and said loudly in health. */
@IntegrationTest
@TestPropertySource(properties = "switchboard.inbound.signature-mode=off")
class SignatureModeOffTest extends IntakeTestSupport {

    @Test
    void unsigned_automation_webhook_is_stored_as_unchecked() {
        var fixture = PROJECT.named("10_");

        var response = post(fixture);

        assertThat(response.status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT signature FROM events").query(String.class).single()).isEqualTo("unchecked");
    }

    @Test
    void health_warns_that_signatures_are_off() {
        var health = new InboundHealthIndicator(new IntakeStatus(new InboundProperties(SignatureMode.OFF, java.util.List.of(),
                java.time.Duration.ofSeconds(300), org.springframework.util.unit.DataSize.ofMegabytes(1), 256, 2,
                java.time.Duration.ofSeconds(4), java.time.Duration.ofDays(30)))).health();

        assertThat(health.getDetails()).containsEntry("mode", "off");
        assertThat((String) health.getDetails().get("warning")).contains("OFF");
    }
}
