package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class StandInAgentTest {

    @Test
    void answers_200_or_503_in_the_share_asked_for_and_prints_what_it_gets() throws Exception {
        var out = new ByteArrayOutputStream();
        try (StandInAgent ok = new StandInAgent(0, 0, null, new PrintStream(out, true, StandardCharsets.UTF_8));
             StandInAgent failing = new StandInAgent(0, 1, null, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            assertThat(post(ok.port())).isEqualTo(200);
            assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + failing.port() + "/health"))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode()).as("the health probe is no webhook").isEqualTo(200);
            assertThat(post(failing.port())).isEqualTo(503);
            assertThat(failing.failed()).isEqualTo(1);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("webhook-id wh-1").contains("-> 503");
    }

    @Test
    void simulate_with_only_the_agent_runs_for_the_time_given() {
        var out = new ByteArrayOutputStream();

        int exit = Cli.run(new String[] {"simulate", "--agent-port", "0", "--agent-only", "--agent-seconds", "0"},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Stand-in agent on").contains("received 0 webhooks");
    }

    @Test
    void proposing_without_a_stand_in_agent_is_a_usage_error() {
        var err = new ByteArrayOutputStream();

        int exit = Cli.run(new String[] {"simulate", "--propose", "--chatwoot-port", "0", "--agent-only", "--agent-seconds", "0"},
                System.out, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--propose needs --agent-port");
    }

    @Test
    void a_share_outside_zero_to_one_is_a_usage_error() {
        int exit = Cli.run(new String[] {"simulate", "--agent-port", "0", "--fail-share", "2"}, System.out,
                new PrintStream(new ByteArrayOutputStream()));

        assertThat(exit).isEqualTo(2);
    }

    private static int post(int port) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhook"))
                .header("webhook-id", "wh-1").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
