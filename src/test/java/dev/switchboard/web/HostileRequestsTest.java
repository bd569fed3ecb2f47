package dev.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import dev.switchboard.support.IntegrationTest;
import dev.switchboard.support.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Requests refused before Switchboard's controllers see them, by the security firewall, by Tomcat, or
 * because their parameters cannot be parsed, are answered like every other refusal: a problem document
 * under /api/, a page a person understands elsewhere, never a 500, never a stack trace at ERROR.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class HostileRequestsTest {

    private static final String FORM = "Content-Type: application/x-www-form-urlencoded";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @ParameterizedTest
    @ValueSource(strings = {"/api/support/../tokens", "/api/support/threads;jsessionid=abc", "/api/support/threads%0d%0a",
            "/api/support%2Fthreads", "/api/support/threads%00", "/api/support/%zz", "/actuator/%2e%2e/health"})
    void addresses_refused_before_the_application_are_problem_documents_under_api(String path) {
        RawHttp.Answer answer = RawHttp.get(port, path);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body()).contains("\"status\":400").contains("urn:switchboard:problem:bad-request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/inbox/../settings", "/inbox;jsessionid=abc", "/inbox%2Fthreads", "/inbox%00", "/portal/%zz"})
    void the_same_addresses_outside_the_api_get_a_page_for_people(String path) {
        RawHttp.Answer answer = RawHttp.get(port, path);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("text/html");
        assertThat(answer.body()).contains("That did not work").doesNotContain("Tomcat").doesNotContain("Exception");
    }

    @Test
    void a_well_formed_address_still_answers() {
        assertThat(RawHttp.get(port, "/api/support/public/config").status()).isEqualTo(200);
        assertThat(RawHttp.get(port, "/portal").status()).isEqualTo(200);
    }

    @Test
    void a_form_with_a_broken_escape_is_a_400_page_and_a_warning(CapturedOutput output) {
        long threads = threads();
        RawHttp.Answer answer = RawHttp.send(port, "POST /portal HTTP/1.1\r\n" + FORM,
                "queryType=Billing&priority=HIGH&subject=%zz&message=hi&name=Ana&email=ana%40example.com".getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("text/html");
        assertThat(answer.body()).contains("broken %-escape");
        assertThat(threads()).isEqualTo(threads);
        assertThat(output.getOut()).contains("WARN").contains("Refused POST /portal")
                .doesNotContain("A page failed").doesNotContain("InvalidParameterException").doesNotContain("%zz");
    }

    @Test
    void a_form_over_the_size_limit_is_a_413_page(CapturedOutput output) {
        byte[] body = ("subject=" + "a".repeat(3 * 1024 * 1024)).getBytes(StandardCharsets.US_ASCII);

        RawHttp.Answer answer = RawHttp.send(port, "POST /portal HTTP/1.1\r\n" + FORM, body);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.contentType()).startsWith("text/html");
        assertThat(answer.body()).contains("larger than Switchboard accepts");
        assertThat(output.getOut()).doesNotContain("ERROR");
    }

    @Test
    void a_broken_form_under_api_is_a_problem_document(CapturedOutput output) {
        RawHttp.Answer answer = RawHttp.send(port, "POST /api/users HTTP/1.1\r\n" + FORM, "username=%zz".getBytes(StandardCharsets.UTF_8));
        RawHttp.Answer login = RawHttp.send(port, "POST /login HTTP/1.1\r\n" + FORM, "username=%zz&password=x".getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body()).contains("urn:switchboard:problem:bad-request").contains("broken %-escape");
        assertThat(login.status()).isEqualTo(400);
        assertThat(login.contentType()).startsWith("text/html");
        assertThat(output.getOut()).doesNotContain("ERROR");
    }

    @Test
    void a_well_formed_form_is_still_read() {
        long threads = threads();
        RawHttp.Answer answer = RawHttp.send(port, "POST /portal HTTP/1.1\r\n" + FORM,
                "queryType=Billing&priority=HIGH&subject=Caf%C3%A9&message=hi&name=Ana&email=ana%40example.com".getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).isEqualTo(302);
        assertThat(threads()).isEqualTo(threads + 1);
        assertThat(jdbc.sql("SELECT count(*) FROM threads WHERE subject = 'Café'").query(Long.class).single()).isEqualTo(1);
    }

    private long threads() {
        return jdbc.sql("SELECT count(*) FROM threads").query(Long.class).single();
    }
}
