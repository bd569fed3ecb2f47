package dev.switchboard.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.switchboard.web.Role;
import dev.switchboard.support.FormLogin;
import dev.switchboard.support.HttpTestClient;
import dev.switchboard.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ApiTokenAuthTest {

    private static final Pattern PRINTED_TOKEN = Pattern.compile("Bearer (sb_\\S+)");
    private static final Pattern PRINTED_PASSWORD = Pattern.compile("password: (\\S+)");

    @LocalServerPort
    int port;
    @Autowired
    ApiTokens tokens;
    @Autowired
    FirstStartCredentials firstStart;
    @Autowired
    JdbcClient jdbc;
    HttpTestClient http;

    @BeforeEach
    void client() {
        http = new HttpTestClient(port);
    }

    @Test
    void no_token_is_401_problem() {
        var response = http.get("/api/events", null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("detail").asString()).contains("needs an API token");
    }

    @Test
    void wrong_token_is_401_problem() {
        String real = tokens.issue("ci", Role.ADMIN, "test").token();
        String forged = real.substring(0, real.length() - 2) + (real.endsWith("AA") ? "BB" : "AA");

        var response = http.get("/api/events", forged);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().path("detail").asString()).contains("not valid");
    }

    @Test
    void revoked_token_is_401() {
        var issued = tokens.issue("leaked", Role.ADMIN, "test");
        assertThat(http.get("/api/events", issued.token()).status()).isEqualTo(200);

        tokens.revoke(issued.id());

        assertThat(http.get("/api/events", issued.token()).status()).isEqualTo(401);
    }

    @Test
    void viewer_may_read_but_not_manage_tokens() {
        String viewer = tokens.issue("grafana", Role.VIEWER, "test").token();

        assertThat(http.get("/api/events", viewer).status()).isEqualTo(200);
        var denied = http.get("/api/tokens", viewer);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.contentType()).startsWith("application/problem+json");
    }

    @Test
    void agent_may_not_create_tokens() {
        String agent = tokens.issue("bot", Role.AGENT, "test").token();

        var response = http.postJson("/api/tokens", agent, "{\"name\":\"x\",\"role\":\"ADMIN\"}");

        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void admin_creates_a_token_shown_once_and_listed_without_its_secret() {
        String admin = tokens.issue("ops", Role.ADMIN, "test").token();

        var created = http.postJson("/api/tokens", admin, "{\"name\":\"prometheus\",\"role\":\"VIEWER\"}");

        assertThat(created.status()).isEqualTo(201);
        String token = created.json().path("token").asString();
        assertThat(http.get("/actuator/prometheus", token).status()).isEqualTo(200);
        var listed = http.get("/api/tokens", admin);
        assertThat(listed.body()).contains("prometheus").doesNotContain(token.substring(16));
        byte[] stored = jdbc.sql("SELECT token_hash FROM api_tokens WHERE name = 'prometheus'").query(byte[].class).single();
        assertThat(stored).hasSize(32);
    }

    @Test
    void token_creation_with_bad_input_is_400_problem_and_creates_nothing() {
        String admin = tokens.issue("ops2", Role.ADMIN, "test").token();
        long before = jdbc.sql("SELECT count(*) FROM api_tokens").query(Long.class).single();

        var response = http.postJson("/api/tokens", admin, "{\"name\":\"\",\"role\":\"GOD\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(jdbc.sql("SELECT count(*) FROM api_tokens").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void metrics_need_a_token() {
        assertThat(http.get("/actuator/prometheus", null).status()).isEqualTo(401);
        String viewer = tokens.issue("scraper", Role.VIEWER, "test").token();

        var metrics = http.get("/actuator/prometheus", viewer);

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("switchboard_events_rejected_total{reason=\"signature-mismatch\"}")
                .contains("switchboard_events_duplicate_total");
    }

    @Test
    void health_probes_are_open_and_details_need_a_token() {
        assertThat(http.get("/actuator/health/liveness", null).status()).isEqualTo(200);
        assertThat(http.get("/actuator/health/readiness", null).status()).isEqualTo(200);
        assertThat(http.get("/actuator/health", null).body()).doesNotContain("webhookSignature");

        var detailed = http.get("/actuator/health", tokens.issue("ops3", Role.VIEWER, "test").token());

        assertThat(detailed.json().path("components").path("webhookSignature").path("details").path("mode").asString())
                .isEqualTo("enforce");
    }

    @Test
    void first_start_credentials_are_printed_once_and_work(CapturedOutput output) {
        jdbc.sql("TRUNCATE users, api_tokens").update();
        int printedBefore = output.getOut().length();

        firstStart.run(null);
        firstStart.run(null);

        String printed = output.getOut().substring(printedBefore);
        Matcher token = PRINTED_TOKEN.matcher(printed);
        Matcher password = PRINTED_PASSWORD.matcher(printed);
        assertThat(token.find()).isTrue();
        assertThat(password.find()).isTrue();
        String printedToken = token.group(1);
        String printedPassword = password.group(1);
        assertThat(token.find()).as("printed a second time").isFalse();
        assertThat(http.get("/api/tokens", printedToken).status()).isEqualTo(200);
        assertThat(loginRedirect("admin", printedPassword)).doesNotContain("error");
        assertThat(loginRedirect("admin", "wrong-password")).contains("error");
        assertThat(output.getAll().lines().filter(l -> l.contains(printedPassword)).count())
                .as("the password appears in no other line").isEqualTo(1);
    }

    /** Logs in through the form with its CSRF token, as a browser would; returns where it was sent. */
    private String loginRedirect(String username, String password) {
        return FormLogin.logIn(FormLogin.browser(), http.base(), username, password);
    }
}
