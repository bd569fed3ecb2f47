package dev.switchboard.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import dev.switchboard.cli.Cli;
import dev.switchboard.support.FakeAgent.Answer;
import dev.switchboard.support.IntegrationTest;
import dev.switchboard.account.ApiTokens;
import dev.switchboard.web.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The CLI an operator uses on a shell: list what is dead, count, replay and watch it go. */
@IntegrationTest
class DeliveriesCommandTest extends DeliveryTestSupport {

    @Autowired
    ApiTokens tokens;

    @Test
    void dead_deliveries_are_listed_counted_and_replayed_from_the_command_line() {
        AGENT.answer(r -> Answer.status(404));
        UUID eventId = receive(message(99001));
        await().atMost(Duration.ofSeconds(5)).until(() -> "DEAD".equals(status(eventId)));
        String deliveryId = delivery(eventId).get("id").toString();
        String token = tokens.issue("cli", Role.AGENT, "test").token();
        String url = "http://127.0.0.1:" + port;

        var listed = run("deliveries", "dead", "--url", url, "--token", token);
        var counted = run("deliveries", "replay", "--event", "message_created", "--url", url, "--token", token);
        AGENT.answer(r -> Answer.status(200));
        var replayed = run("deliveries", "replay", "--event", "message_created", "--yes", "--wait", "--url", url, "--token", token);

        assertThat(listed.exit()).isZero();
        assertThat(listed.out()).contains(deliveryId).contains("4xx");
        assertThat(counted.out()).contains("1 dead deliveries match");
        assertThat(replayed.exit()).isZero();
        assertThat(replayed.out()).contains("Replaying 1 deliveries").contains("delivered 1");
        await().atMost(Duration.ofSeconds(5)).until(() -> "DELIVERED".equals(status(eventId)));
    }

    @Test
    void a_slow_replay_is_cancelled_from_the_command_line() {
        AGENT.answer(r -> Answer.status(400));
        java.util.List<UUID> events = java.util.List.of(receive(message(99010)), receive(message(99011)), receive(message(99012)));
        await().atMost(Duration.ofSeconds(5)).until(() -> events.stream().allMatch(e -> "DEAD".equals(status(e))));
        String token = tokens.issue("cli-cancel", Role.AGENT, "test").token();
        String url = "http://127.0.0.1:" + port;

        var started = run("deliveries", "replay", "--yes", "--rate", "1", "--url", url, "--token", token);
        String replayId = started.out().replaceAll("(?s).*\\(replay ([0-9a-f-]+)\\).*", "$1").trim();
        // the test clock stands still, so only the first of the three is ever due
        var cancelled = run("deliveries", "cancel", "--replay", replayId, "--url", url, "--token", token);

        assertThat(cancelled.exit()).isZero();
        assertThat(cancelled.out()).contains("2 deliveries of replay " + replayId + " sent back to dead");
    }

    @Test
    void a_viewer_token_cannot_replay() {
        String token = tokens.issue("cli-viewer", Role.VIEWER, "test").token();

        var result = run("deliveries", "replay", "--yes", "--url", "http://127.0.0.1:" + port, "--token", token);

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).contains("403");
    }

    private Result run(String... args) {
        var out = new ByteArrayOutputStream();
        int exit = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8));
    }

    private record Result(int exit, String out) {
    }
}
