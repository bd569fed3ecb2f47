package dev.switchboard.thread;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.switchboard.support.HttpTestClient;
import dev.switchboard.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint of the thread, settings, users and client-log APIs against every kind of caller, with
 * the status each must get. Customer links open only the public link endpoints; to every other
 * endpoint their holder is anonymous.
 */
@IntegrationTest
class AccessMatrixTest extends ThreadTestSupport {

    private static final String NOTE = "{\"visibility\":\"INTERNAL\",\"body\":\"note\"}";
    private static final String SETTINGS = """
            {"supportEmail":"support@example.com","whatsappNumber":"447700900123","portalBaseUrl":"https://support.example.com",
             "whatsappBubble":true,"queryTypes":["Billing","Technical problem"]}""";
    private static final String REPORT = "{\"level\":\"ERROR\",\"message\":\"TypeError: x is undefined\"}";

    /** method, path ({id}, {linkId}), body; then the statuses for anonymous, VIEWER, AGENT, ADMIN. */
    static Stream<Arguments> staffEndpoints() {
        return Stream.of(
                row("GET", "/api/support/threads", null, 401, 403, 200, 200),
                row("GET", "/api/support/threads/{id}", null, 401, 403, 200, 200),
                row("POST", "/api/support/threads/{id}/messages", NOTE, 401, 403, 201, 201),
                row("POST", "/api/support/threads/{id}/status", "{\"status\":\"PENDING\"}", 401, 403, 200, 200),
                row("PUT", "/api/support/threads/{id}/assignee", "{\"assignee\":\"admin\"}", 401, 403, 200, 200),
                row("PUT", "/api/support/threads/{id}/priority", "{\"priority\":\"LOW\"}", 401, 403, 200, 200),
                row("POST", "/api/support/threads/{id}/links", "{\"permission\":\"VIEW\"}", 401, 403, 201, 201),
                row("GET", "/api/support/threads/{id}/links", null, 401, 403, 200, 200),
                row("DELETE", "/api/support/threads/{id}/links/{linkId}", null, 401, 403, 204, 204),
                row("GET", "/api/settings", null, 401, 403, 403, 200),
                row("PUT", "/api/settings", SETTINGS, 401, 403, 403, 200),
                row("GET", "/api/settings/changes", null, 401, 403, 403, 200),
                row("GET", "/api/users", null, 401, 403, 403, 200),
                row("PUT", "/api/users/admin", "{\"role\":\"ADMIN\",\"email\":\"admin@example.com\"}", 401, 403, 403, 200),
                row("GET", "/api/tokens", null, 401, 403, 403, 200),
                row("GET", "/api/client-logs", null, 401, 403, 403, 200),
                row("POST", "/api/client-logs", REPORT, 202, 202, 202, 202),
                row("GET", "/api/support/public/config", null, 200, 200, 200, 200),
                row("POST", "/api/support/public/threads", query("Matrix", "hello"), 201, 201, 201, 201),
                row("GET", "/api/support/health", null, 401, 200, 200, 200),
                row("GET", "/api/openapi", null, 200, 200, 200, 200));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("staffEndpoints")
    void each_role_gets_what_it_may_and_nothing_more(String method, String path, String body, int anonymous, int viewer,
                                                     int agent, int admin) {
        List<String> seen = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        String[] callers = {null, this.viewer, this.agent, this.admin};
        int[] statuses = {anonymous, viewer, agent, admin};
        for (int i = 0; i < callers.length; i++) {
            Raised raised = raise("Matrix", "hello");
            String linkId = jdbc.sql("SELECT id::text FROM customer_links WHERE thread_id = :id").param("id", raised.id())
                    .query(String.class).single();
            String concrete = path.replace("{id}", raised.id().toString()).replace("{linkId}", linkId);
            var response = call(method, concrete, callers[i], body);
            seen.add(new String[] {"anonymous", "VIEWER", "AGENT", "ADMIN"}[i] + " " + response.status());
            expected.add(new String[] {"anonymous", "VIEWER", "AGENT", "ADMIN"}[i] + " " + statuses[i]);
            if (response.status() >= 400) {
                assertThat(response.contentType()).as(seen.getLast()).startsWith("application/problem+json");
            }
        }
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void a_customer_link_opens_its_thread_and_an_expired_or_revoked_one_answers_410() {
        Raised valid = raise("Valid", "hello");
        Raised expired = raise("Expired", "hello");
        Raised revoked = raise("Revoked", "hello");
        String expiring = http.postJson("/api/support/threads/" + expired.id() + "/links", agent,
                "{\"permission\":\"REPLY\",\"validDays\":1}").json().path("token").asString();
        String revokedId = jdbc.sql("SELECT id::text FROM customer_links WHERE thread_id = :id").param("id", revoked.id())
                .query(String.class).single();
        http.delete("/api/support/threads/" + revoked.id() + "/links/" + revokedId, agent);
        clock.advance(Duration.ofDays(1).plusSeconds(1));

        for (String operation : List.of("GET", "POST")) {
            assertThat(link(operation, valid.link()).status()).as(operation + " valid").isIn(200, 201);
            assertThat(link(operation, expiring).status()).as(operation + " expired").isEqualTo(410);
            assertThat(link(operation, revoked.link()).status()).as(operation + " revoked").isEqualTo(410);
        }
        assertThat(http.get("/api/support/threads/" + valid.id(), null).status())
                .as("a link is no credential for the staff API").isEqualTo(401);
    }

    private HttpTestClient.Response link(String method, String token) {
        return method.equals("GET") ? http.get("/api/support/public/links/" + token, null)
                : http.postJson("/api/support/public/links/" + token + "/messages", null, "{\"body\":\"hello\"}");
    }

    private HttpTestClient.Response call(String method, String path, String token, String body) {
        return switch (method) {
            case "GET" -> http.get(path, token);
            case "POST" -> http.postJson(path, token, body);
            case "PUT" -> http.putJson(path, token, body);
            case "DELETE" -> http.delete(path, token);
            default -> throw new IllegalArgumentException(method);
        };
    }

    private static Arguments row(String method, String path, String body, int anonymous, int viewer, int agent, int admin) {
        return Arguments.of(method, path, body, anonymous, viewer, agent, admin);
    }
}
