package dev.switchboard.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.switchboard.support.Fixtures;
import dev.switchboard.support.IntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixture is accepted with the signature Chatwoot would send and refused when one byte of the
 * body, the timestamp or the secret differs. The shared research set runs too where CI has it.
 */
@IntegrationTest
class SignedFixturesTest extends IntakeTestSupport {

    static Stream<Fixtures.Fixture> projectSigned() {
        return PROJECT.fixtures().stream().filter(Fixtures.Fixture::signed);
    }

    static Stream<Fixtures.Fixture> sharedSigned() {
        if (!Fixtures.sharedAvailable()) {
            return Stream.of((Fixtures.Fixture) null);
        }
        return Fixtures.shared().fixtures().stream().filter(Fixtures.Fixture::signed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("projectSigned")
    void project_fixture_is_stored_with_its_raw_bytes_and_columns(Fixtures.Fixture fixture) {
        var response = post(fixture);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("duplicate").asBoolean()).isFalse();
        var row = jdbc.sql("SELECT event_type, chatwoot_delivery_id, signature, body FROM events WHERE id = :id")
                .param("id", java.util.UUID.fromString(response.json().path("eventId").asString()))
                .query().singleRow();
        assertThat((byte[]) row.get("body")).isEqualTo(fixture.body());
        assertThat(row.get("chatwoot_delivery_id")).isEqualTo(fixture.headers().get("X-Chatwoot-Delivery"));
        assertThat(row.get("signature")).isEqualTo("verified");
        assertThat((String) row.get("event_type")).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("projectSigned")
    void project_fixture_is_refused_when_body_timestamp_or_secret_differs_by_one_byte(Fixtures.Fixture fixture) {
        assertTamperedCopiesAreRefused(fixture, PROJECT.secret());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sharedSigned")
    void shared_chatwoot_fixture_is_accepted_as_signed(Fixtures.Fixture fixture) {
        assumeTrue(fixture != null, "../shared/chatwoot/fixtures is absent: the shared Chatwoot vectors are checked in CI");
        var response = post(fixture);

        assertThat(response.status()).isEqualTo(200);
        assertThat(storedEvents()).isEqualTo(1);
        assertTamperedCopiesAreRefused(fixture, Fixtures.shared().secret());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsigned")
    void unsigned_automation_webhook_is_refused_while_signatures_are_enforced(Fixtures.Fixture fixture) {
        var response = post(fixture);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().path("reason").asString()).isEqualTo("signature-missing");
        assertThat(storedEvents()).isZero();
    }

    static Stream<Fixtures.Fixture> unsigned() {
        return PROJECT.fixtures().stream().filter(f -> !f.signed());
    }

    private void assertTamperedCopiesAreRefused(Fixtures.Fixture fixture, String secret) {
        long before = storedEvents();
        byte[] body = fixture.body().clone();
        body[body.length / 2] ^= 0x01;
        Map<String, String> laterTimestamp = new HashMap<>(fixture.headers());
        laterTimestamp.put("X-Chatwoot-Timestamp", Long.toString(fixture.timestamp() + 1));
        char last = secret.charAt(secret.length() - 1);
        String otherSecret = secret.substring(0, secret.length() - 1) + (char) (last == 'a' ? 'b' : 'a');
        Map<String, String> wrongSecret = new HashMap<>(fixture.headers());
        wrongSecret.put("X-Chatwoot-Signature", ChatwootSignature.sign(otherSecret, fixture.timestamp(), fixture.body()));

        for (var tampered : List.of(
                http.postWebhook(body, fixture.headers()),
                http.postWebhook(fixture.body(), laterTimestamp),
                http.postWebhook(fixture.body(), wrongSecret))) {
            assertThat(tampered.status()).isEqualTo(401);
            assertThat(tampered.contentType()).startsWith("application/problem+json");
            assertThat(tampered.json().path("reason").asString()).isEqualTo("signature-mismatch");
        }
        assertThat(storedEvents()).isEqualTo(before);
    }

}
