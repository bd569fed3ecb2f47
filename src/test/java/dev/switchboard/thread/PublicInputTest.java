package dev.switchboard.thread;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import dev.switchboard.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever anyone posts to the public endpoints: a 4xx problem with the reason, and nothing stored.
 * Markup is refused in one-line fields (names, subjects, references) and kept as text in messages,
 * which every page escapes.
 */
@IntegrationTest
class PublicInputTest extends ThreadTestSupport {

    private static final String LONG = "x".repeat(10_001);

    static Stream<Arguments> badQueries() {
        return Stream.of(
                bad("{}", "missing everything"),
                bad(replace("\"subject\":\"Invoice\"", ""), "missing subject"),
                bad(replace("\"subject\":\"Invoice\"", "\"subject\":\"" + "s".repeat(201) + "\""), "subject too long"),
                bad(replace("\"message\":\"Hello\"", "\"message\":\"" + LONG + "\""), "message too long"),
                bad(replace("\"priority\":\"HIGH\"", "\"priority\":\"SOON\""), "unknown priority"),
                bad(replace("\"priority\":\"HIGH\"", "\"priority\":7"), "priority of the wrong type"),
                bad(replace("\"priority\":\"HIGH\"", "\"priority\":1"), "priority by its position"),
                bad(replace("\"priority\":\"HIGH\"", "\"priority\":true"), "priority as a boolean"),
                bad(replace("\"subject\":\"Invoice\"", "\"subject\":[\"Invoice\"]"), "subject of the wrong type"),
                bad(replace("\"queryType\":\"Billing\"", "\"queryType\":\"Refunds\""), "a query type not offered"),
                bad(replace("\"email\":\"ana@example.com\"", "\"email\":\"ana at example\""), "not an email"),
                bad(replace("\"name\":\"Ana\"", "\"name\":\"<script>alert(1)</script>\""), "script in the name"),
                bad(replace("\"subject\":\"Invoice\"", "\"subject\":\"<img src=x onerror=alert(1)>\""), "markup in the subject"),
                bad(replace("\"reference\":\"ORD-42\"", "\"reference\":\"<b>ORD</b>\""), "markup in the reference"),
                bad(replace("\"subject\":\"Invoice\"", "\"subject\":\"Invoice\\r\\nBcc: everyone@example.com\""), "header injection"),
                bad(replace("\"message\":\"Hello\"", "\"message\":\"Hello\\u0000\""), "NUL in the message"),
                bad(replace("\"phone\":\"+44 7700 900123\"", "\"phone\":\"call me\""), "phone with letters"),
                bad("{\"queryType\":", "not JSON"),
                bad("[1,2,3]", "an array"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badQueries")
    void a_bad_query_is_a_4xx_problem_and_stores_nothing(String body, String what) {
        long threads = count("threads");
        long emails = count("emails");

        var response = http.postJson("/api/support/public/threads", null, body);

        assertThat(response.status()).as(what).isBetween(400, 499);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("detail").asString()).isNotBlank();
        assertThat(count("threads")).isEqualTo(threads);
        assertThat(count("emails")).isEqualTo(emails);
    }

    @Test
    void a_wrong_field_is_named_with_the_reason() {
        var response = http.postJson("/api/support/public/threads", null, replace("\"email\":\"ana@example.com\"", "\"email\":\"nope\""));

        assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo("email");
        assertThat(response.json().path("errors").get(0).path("message").asString()).contains("email address");
    }

    @Test
    void unicode_and_markup_in_a_message_are_kept_verbatim_as_text() {
        String message = "Ça ne marche pas 🙂 — 价格 < 10 <script>alert(1)</script>";
        var response = http.postJson("/api/support/public/threads", null,
                replace("\"message\":\"Hello\"", "\"message\":\"" + message.replace("\"", "\\\"") + "\"")
                        .replace("\"name\":\"Ana\"", "\"name\":\"Zoë Ωmega\""));

        assertThat(response.status()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT body FROM thread_messages").query(String.class).single()).isEqualTo(message);
        assertThat(jdbc.sql("SELECT requester_name FROM threads").query(String.class).single()).isEqualTo("Zoë Ωmega");
        assertThat(jdbc.sql("SELECT html_body FROM emails WHERE kind = 'thread-created'").query(String.class).single())
                .contains("&lt;script&gt;").doesNotContain("<script>");
    }

    @Test
    void a_bad_reply_by_link_is_a_problem_and_stores_nothing() {
        Raised raised = raise("Replies", "hello");
        long messages = count("thread_messages");

        for (String body : new String[] {"{}", "{\"body\":\"\"}", "{\"body\":\"" + LONG + "\"}", "{\"body\":42}", "nope"}) {
            var response = http.postJson("/api/support/public/links/" + raised.link() + "/messages", null, body);
            assertThat(response.status()).as(body.length() > 50 ? "too long" : body).isEqualTo(400);
        }
        assertThat(count("thread_messages")).isEqualTo(messages);
    }

    @Test
    void browser_error_reports_are_capped_and_checked() {
        String huge = "{\"level\":\"ERROR\",\"message\":\"" + "y".repeat(70 * 1024) + "\"}";

        assertThat(http.postJson("/api/client-logs", null, huge).status()).isEqualTo(413);
        assertThat(http.postJson("/api/client-logs", null, "{\"level\":\"PANIC\",\"message\":\"x\"}").status()).isEqualTo(400);
        assertThat(http.postJson("/api/client-logs", null, "{\"level\":\"ERROR\"}").status()).isEqualTo(400);
        assertThat(http.postJson("/api/client-logs", null, "{\"level\":1,\"message\":\"x\"}").status()).isEqualTo(400);
        assertThat(count("client_logs")).isZero();
        assertThat(http.postJson("/api/client-logs", null,
                "{\"level\":\"ERROR\",\"message\":\"TypeError: <b>x</b>\",\"page\":\"/portal\"}").status()).isEqualTo(202);
        assertThat(http.get("/api/client-logs", admin).json().get(0).path("message").asString()).isEqualTo("TypeError: <b>x</b>");
    }

    @Test
    void a_browser_error_report_keeps_no_link_token_whoever_sent_it() {
        String token = "cl_" + "Ab3-_x".repeat(7);
        var response = http.postJson("/api/client-logs", null, """
                {"level":"ERROR","message":"failed on /portal/link/%1$s","page":"https://support.example.com/portal/link/%1$s?x=1",
                 "stack":"at load (/portal/link/%1$s:1:2)"}""".formatted(token));

        assertThat(response.status()).isEqualTo(202);
        var stored = http.get("/api/client-logs", admin).json().get(0);
        assertThat(stored.path("message").asString()).isEqualTo("failed on /portal/link/cl_\u2026");
        assertThat(stored.path("page").asString()).isEqualTo("https://support.example.com/portal/link/cl_\u2026?x=1");
        assertThat(stored.path("stack").asString()).isEqualTo("at load (/portal/link/cl_\u2026:1:2)");
        assertThat(jdbc.sql("SELECT count(*) FROM client_logs WHERE message || page || stack LIKE :token")
                .param("token", "%" + token.substring(3, 20) + "%").query(Long.class).single()).isZero();
    }

    private static String replace(String field, String with) {
        String valid = """
                {"queryType":"Billing","priority":"HIGH","subject":"Invoice","message":"Hello","name":"Ana",
                 "email":"ana@example.com","phone":"+44 7700 900123","reference":"ORD-42"}""";
        return valid.replace(field, with).replace(",,", ",").replace("{,", "{");
    }

    private static Arguments bad(String body, String what) {
        return Arguments.of(body, what);
    }
}
