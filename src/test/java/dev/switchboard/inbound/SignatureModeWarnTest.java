package dev.switchboard.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.switchboard.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Mode warn, for a migration window: a bad signature is stored and marked, never silently trusted. */
@IntegrationTest
@TestPropertySource(properties = "switchboard.inbound.signature-mode=warn")
class SignatureModeWarnTest extends IntakeTestSupport {

    @Test
    void wrongly_signed_webhook_is_stored_and_marked_invalid() {
        byte[] body = "{\"event\":\"contact_created\",\"id\":3,\"account\":{\"id\":9}}".getBytes(StandardCharsets.UTF_8);

        var response = http.postWebhook(body, signedHeaders(body, "some-other-secret", null));

        assertThat(response.status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT signature FROM events").query(String.class).single()).isEqualTo("invalid");
    }

    @Test
    void correctly_signed_webhook_is_marked_verified() {
        byte[] body = "{\"event\":\"contact_created\",\"id\":4,\"account\":{\"id\":9}}".getBytes(StandardCharsets.UTF_8);

        http.postWebhook(body, signedHeaders(body, "sw1tchb0ardTestSecret24c", null));

        assertThat(jdbc.sql("SELECT signature FROM events").query(String.class).single()).isEqualTo("verified");
    }

    @Test
    void bad_json_is_still_refused() {
        byte[] body = "nope".getBytes(StandardCharsets.UTF_8);

        assertThat(http.postWebhook(body, Map.of("Content-Type", "application/json")).status()).isEqualTo(400);
        assertThat(storedEvents()).isZero();
    }
}
