package dev.switchboard.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import dev.switchboard.support.HttpTestClient;
import dev.switchboard.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Each way a webhook is refused: its status, its problem type, its counter, and nothing stored. */
@IntegrationTest
class WebhookRejectionTest extends IntakeTestSupport {

    private static final String SECRET = "sw1tchb0ardTestSecret24c";
    private static final byte[] EVENT = """
            {"event":"conversation_created","id":41,"account":{"id":9},"updated_at":1781949721.5}"""
            .getBytes(StandardCharsets.UTF_8);

    @Autowired
    MeterRegistry meters;

    @Test
    void missing_signature_is_401_signature_missing() {
        Map<String, String> headers = Map.of("Content-Type", "application/json");

        assertRefused(() -> http.postWebhook(EVENT, headers), 401, "signature-missing");
    }

    @Test
    void wrong_signature_is_401_signature_mismatch() {
        Map<String, String> headers = signedHeaders(EVENT, "not-the-secret", null);

        assertRefused(() -> http.postWebhook(EVENT, headers), 401, "signature-mismatch");
    }

    @Test
    void malformed_signature_is_401_signature_malformed() {
        Map<String, String> headers = new HashMap<>(signedHeaders(EVENT, SECRET, null));
        headers.put("X-Chatwoot-Signature", "sha1=abc");

        assertRefused(() -> http.postWebhook(EVENT, headers), 401, "signature-malformed");
    }

    @Test
    void signature_of_the_body_alone_is_refused() {
        // chatwoot#13809: receivers that HMAC only the body; Chatwoot signs "timestamp.body"
        Map<String, String> headers = new HashMap<>(signedHeaders(EVENT, SECRET, null));
        headers.put("X-Chatwoot-Signature", "sha256=" + java.util.HexFormat.of().formatHex(
                ChatwootSignature.hmac(ChatwootSignature.keyed(SECRET), new byte[0], EVENT)));

        assertRefused(() -> http.postWebhook(EVENT, headers), 401, "signature-mismatch");
    }

    @Test
    void correctly_signed_but_stale_timestamp_is_401_timestamp_stale() {
        Map<String, String> headers = signedHeaders(EVENT, SECRET, null);
        clock.advance(java.time.Duration.ofSeconds(301));

        assertRefused(() -> http.postWebhook(EVENT, headers), 401, "timestamp-stale");
    }

    @Test
    void timestamp_within_tolerance_is_accepted() {
        Map<String, String> headers = signedHeaders(EVENT, SECRET, null);
        clock.advance(java.time.Duration.ofSeconds(299));

        assertThat(http.postWebhook(EVENT, headers).status()).isEqualTo(200);
    }

    @Test
    void a_rotated_in_second_secret_is_accepted() {
        Map<String, String> headers = signedHeaders(EVENT, "an0therRotatingSecret00", null);

        assertThat(http.postWebhook(EVENT, headers).status()).isEqualTo(200);
        assertThat(storedEvents()).isEqualTo(1);
    }

    @Test
    void body_over_the_limit_is_413_and_not_stored() {
        byte[] big = new byte[1024 * 1024 + 1];
        Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        big[big.length - 1] = '}';

        assertRefused(() -> http.postWebhook(big, signedHeaders(big, SECRET, null)), 413, "body-too-large");
    }

    @Test
    void body_over_the_limit_without_content_length_is_413() {
        byte[] big = new byte[1024 * 1024 + 10];
        Arrays.fill(big, (byte) ' ');
        var request = HttpRequest.newBuilder(URI.create(http.base() + "/api/webhooks/chatwoot"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)));

        assertRefused(() -> http.send(request), 413, "body-too-large");
    }

    @Test
    void a_200_kb_body_like_real_chatwoot_ones_is_accepted() {
        String padding = "x".repeat(200 * 1024);
        byte[] body = ("{\"event\":\"message_created\",\"id\":77,\"account\":{\"id\":9},\"content\":\"" + padding + "\"}")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(http.postWebhook(body, signedHeaders(body, SECRET, null)).status()).isEqualTo(200);
    }

    @Test
    void body_that_is_not_json_is_400_not_json() {
        byte[] body = "event=message_created".getBytes(StandardCharsets.UTF_8);

        assertRefused(() -> http.postWebhook(body, signedHeaders(body, SECRET, null)), 400, "not-json");
    }

    @Test
    void empty_body_is_400_not_json() {
        byte[] body = new byte[0];

        assertRefused(() -> http.postWebhook(body, signedHeaders(body, SECRET, null)), 400, "not-json");
    }

    @Test
    void json_followed_by_garbage_is_400_not_json() {
        byte[] body = "{\"event\":\"x\"} trailing".getBytes(StandardCharsets.UTF_8);

        assertRefused(() -> http.postWebhook(body, signedHeaders(body, SECRET, null)), 400, "not-json");
    }

    @Test
    void json_array_is_400_not_a_json_object() {
        byte[] body = "[{\"event\":\"message_created\"}]".getBytes(StandardCharsets.UTF_8);

        assertRefused(() -> http.postWebhook(body, signedHeaders(body, SECRET, null)), 400, "not-a-json-object");
    }

    @Test
    void wrong_content_type_is_415() {
        Map<String, String> headers = new HashMap<>(signedHeaders(EVENT, SECRET, null));
        headers.put("Content-Type", "application/x-www-form-urlencoded");

        assertRefused(() -> http.postWebhook(EVENT, headers), 415, "unsupported-media-type");
    }

    @Test
    void missing_content_type_is_415() {
        Map<String, String> headers = new HashMap<>(signedHeaders(EVENT, SECRET, null));
        headers.remove("Content-Type");

        assertRefused(() -> http.postWebhook(EVENT, headers), 415, "unsupported-media-type");
    }

    @Test
    void json_with_a_charset_is_accepted() {
        Map<String, String> headers = new HashMap<>(signedHeaders(EVENT, SECRET, null));
        headers.put("Content-Type", "application/json; charset=utf-8");

        assertThat(http.postWebhook(EVENT, headers).status()).isEqualTo(200);
    }

    @Test
    void an_unknown_event_name_is_accepted_and_stored() {
        byte[] body = "{\"event\":\"automation_event.sla_breached\",\"id\":5}".getBytes(StandardCharsets.UTF_8);

        var response = http.postWebhook(body, signedHeaders(body, SECRET, null));

        assertThat(response.status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT event_type FROM events").query(String.class).single()).isEqualTo("automation_event.sla_breached");
    }

    private void assertRefused(java.util.function.Supplier<HttpTestClient.Response> request, int status, String reason) {
        double countedBefore = rejectedCount(reason);
        HttpTestClient.Response response = request.get();
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("type").asString()).isEqualTo("urn:switchboard:problem:webhook-" + reason);
        assertThat(response.json().path("status").asInt()).isEqualTo(status);
        assertThat(response.json().path("detail").asString()).isNotBlank();
        assertThat(storedEvents()).isZero();
        assertThat(rejectedCount(reason)).as("counted under its reason").isEqualTo(countedBefore + 1);
    }

    private double rejectedCount(String reason) {
        return meters.get("switchboard.events.rejected").tag("reason", reason).counter().count();
    }
}
