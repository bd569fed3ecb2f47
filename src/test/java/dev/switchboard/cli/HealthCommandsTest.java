package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.support.FakeChatwoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class HealthCommandsTest {

    private static final String KEY = "chatwoot-admin-token";

    @TempDir
    Path dir;
    FakeChatwoot chatwoot;
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void chatwoot() throws IOException {
        chatwoot = new FakeChatwoot(KEY);
    }

    @AfterEach
    void stop() {
        chatwoot.close();
    }

    @Test
    void healthy_chatwoot_exits_0_and_writes_a_report() {
        int exit = run("check-chatwoot-health", "--base-url", chatwoot.url(), "--api-key", KEY, "--account-id", "3",
                "--report", dir.resolve("report.json").toString());

        assertThat(exit).isZero();
        var report = JsonMapper.builder().build().readTree(dir.resolve("report.json").toFile());
        assertThat(report.path("ok").asBoolean()).isTrue();
        assertThat(report.path("checks")).hasSize(3);
        assertThat(chatwoot.paths()).contains("/api/v1/accounts/3/inboxes");
    }

    @Test
    void a_wrong_api_key_exits_1_naming_the_failed_check() {
        int exit = run("check-chatwoot-health", "--base-url", chatwoot.url(), "--api-key", "wrong", "--account-id", "3",
                "--report", dir.resolve("report.json").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("FAIL account api").contains("401");
    }

    @Test
    void failing_chatwoot_services_exit_1() {
        chatwoot.servicesFailing(true);

        int exit = run("check-chatwoot-health", "--base-url", chatwoot.url(), "--api-key", KEY, "--account-id", "3",
                "--report", dir.resolve("report.json").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("FAIL services");
    }

    @Test
    void without_an_api_key_the_account_check_is_skipped_and_said_to_be_not_failed() {
        int exit = run("check-chatwoot-health", "--base-url", chatwoot.url(), "--report", dir.resolve("report.json").toString());

        assertThat(exit).isZero();
        var report = JsonMapper.builder().build().readTree(dir.resolve("report.json").toFile());
        assertThat(report.path("ok").asBoolean()).isTrue();
        assertThat(report.path("skipped").get(0).asString()).isEqualTo("account api");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("skip account api").doesNotContain("FAIL");
        assertThat(chatwoot.paths()).doesNotContain("/api/v1/accounts/3/inboxes");
    }

    @Test
    void a_skipped_check_does_not_hide_a_failed_one() {
        chatwoot.servicesFailing(true);

        assertThat(run("check-chatwoot-health", "--base-url", chatwoot.url(), "--report", dir.resolve("r.json").toString())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("FAIL services").contains("skip account api");
    }

    @Test
    void chatwoots_settings_are_read_as_the_server_reads_them() throws IOException {
        Path yml = dir.resolve("application.yml");
        Files.writeString(yml, """
                switchboard:
                  chatwoot:
                    base-url: %s
                    api-key: %s
                    account-id: 3
                """.formatted(chatwoot.url(), KEY));

        int fromFile = run("check-chatwoot-health", "--spring.config.additional-location=file:" + yml,
                "--report", dir.resolve("a.json").toString());
        int fromOptions = run("check-chatwoot-health", "--switchboard.chatwoot.base-url=" + chatwoot.url(),
                "--switchboard.chatwoot.api-key=" + KEY, "--switchboard.chatwoot.account-id=3", "--report", dir.resolve("b.json").toString());

        assertThat(fromFile).isZero();
        assertThat(fromOptions).isZero();
        assertThat(chatwoot.paths()).filteredOn("/api/v1/accounts/3/inboxes"::equals).hasSize(2);
    }

    @Test
    void a_chatwoot_setting_the_server_would_refuse_is_refused_with_its_name() {
        var err = new ByteArrayOutputStream();

        int exit = Cli.run(new String[] {"check-chatwoot-health", "--switchboard.chatwoot.base-url=ftp://chat.example.com"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("switchboard.chatwoot.base-url");
    }

    @Test
    void unreachable_chatwoot_exits_1() {
        String url = chatwoot.url();
        chatwoot.close();

        assertThat(run("check-chatwoot-health", "--base-url", url, "--report", dir.resolve("r.json").toString())).isEqualTo(1);
        assertThat(Files.exists(dir.resolve("r.json"))).isTrue();
    }

    @Test
    void the_fake_chatwoot_is_called_as_chatwoots_openapi_document_describes() {
        assumeTrue(FakeChatwoot.specAvailable(), "../shared/chatwoot/application_swagger.json is absent: checked in CI");

        run("check-chatwoot-health", "--base-url", chatwoot.url(), "--api-key", KEY, "--account-id", "3",
                "--report", dir.resolve("report.json").toString());

        assertThat(chatwoot.paths()).contains("/api/v1/accounts/3/inboxes");
        assertThat(chatwoot.violations()).isEmpty();
    }

    @Test
    void the_spec_check_catches_a_request_chatwoot_would_not_accept() throws Exception {
        assumeTrue(FakeChatwoot.specAvailable(), "../shared/chatwoot/application_swagger.json is absent: checked in CI");

        java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(chatwoot.url() + "/api/v1/accounts/3/no-such-resource")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());

        assertThat(chatwoot.violations()).isNotEmpty();
    }

    @Test
    void agent_health_passes_on_2xx_and_fails_otherwise() throws IOException {
        HttpServer agent = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        int[] status = {200};
        agent.createContext("/health", e -> {
            e.sendResponseHeaders(status[0], -1);
            e.close();
        });
        agent.start();
        try {
            String url = "http://127.0.0.1:" + agent.getAddress().getPort() + "/health";
            assertThat(run("check-agent-health", "--health-url", url, "--report", dir.resolve("a.json").toString())).isZero();
            status[0] = 503;
            assertThat(run("check-agent-health", "--health-url", url, "--report", dir.resolve("b.json").toString())).isEqualTo(1);
        } finally {
            agent.stop(0);
        }
    }

    @Test
    void missing_address_is_a_usage_error() {
        var err = new ByteArrayOutputStream();

        int exit = Cli.run(new String[] {"check-chatwoot-health"}, new PrintStream(out),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("CHATWOOT_BASE_URL").contains("usage: check-chatwoot-health");
    }

    private int run(String... args) {
        return Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    }
}
