package dev.switchboard.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.switchboard.inbound.ChatwootSignature;
import dev.switchboard.support.FakeAgent;
import dev.switchboard.support.FakeAgent.Answer;
import dev.switchboard.support.SwitchboardProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a node in the middle of delivering: after a restart every acknowledged event reaches the
 * agent at least once, and what the agent sees twice carries the webhook-id it already saw.
 */
class DeliveryCrashIT {

    private static final String SECRET = "crash-webhook-secret";
    private static final int EVENTS = 300;

    @TempDir
    Path workDir;

    @Test
    void every_acknowledged_event_is_delivered_after_a_kill_9_and_duplicates_keep_their_webhook_id() throws Exception {
        try (FakeAgent agent = new FakeAgent()) {
            // slow enough that the kill surely lands while attempts are in flight
            agent.answer(r -> Answer.status(200).after(Duration.ofMillis(300)));
            Map<String, String> env = Map.of("CHATWOOT_WEBHOOK_SECRET", SECRET,
                    "AGENT_SDK_URL", agent.url().toString(),
                    "AGENT_SDK_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
            String[] args = {"--switchboard.database.embedded.data-dir=" + workDir.resolve("data"),
                    "--switchboard.delivery.agent-timeout=2s", "--switchboard.delivery.agent-concurrency=8"};
            List<String> acknowledged;
            String token;

            SwitchboardProcess first = SwitchboardProcess.start(workDir, SwitchboardProcess.freePort(), env, args)
                    .awaitReady(Duration.ofSeconds(120));
            try {
                var printed = java.util.regex.Pattern.compile("Bearer (sb_\\S+)").matcher(first.output());
                assertThat(printed.find()).isTrue();
                token = printed.group(1);
                acknowledged = postConcurrently(first.base(), EVENTS);
                await().atMost(Duration.ofSeconds(20)).until(() -> agent.received().size() >= 20);
            } finally {
                first.killHard();
            }
            int beforeCrash = agent.received().size();
            assertThat(acknowledged).hasSize(EVENTS);
            assertThat(beforeCrash).as("the kill came while deliveries were still going out").isLessThan(EVENTS);

            try (SwitchboardProcess second = SwitchboardProcess.start(workDir, SwitchboardProcess.freePort(), env, args)
                    .awaitReady(Duration.ofSeconds(120))) {
                // leases of the killed node run out after the attempt timeout plus 30 s
                // the killed node's leases run out after the attempt timeout plus 30 s; then nothing is pending
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> pending(second.base(), token) == 0);
            }
            Map<String, Set<String>> idsPerMessage = messagesSeen(agent);
            assertThat(idsPerMessage.keySet()).containsAll(acknowledged);
            assertThat(agent.received().size()).as("attempts in flight at the kill were made again").isGreaterThan(EVENTS);
            for (String message : acknowledged) {
                assertThat(idsPerMessage.get(message)).as("webhook-ids seen for message %s", message).hasSize(1);
            }
        }
    }

    private static long pending(String base, String token) throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/support/health"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body())
                .path("deliveries").path("pending").asLong(-1);
    }

    /** message id in the body → the webhook-ids it arrived under. */
    private static Map<String, Set<String>> messagesSeen(FakeAgent agent) {
        Map<String, Set<String>> seen = new HashMap<>();
        for (FakeAgent.Received r : agent.received()) {
            String body = new String(r.body(), StandardCharsets.UTF_8);
            String id = body.replaceAll(".*\"id\":(\\d+),\"account\".*", "$1");
            seen.computeIfAbsent(id, k -> new HashSet<>()).add(r.header("webhook-id"));
        }
        return seen;
    }

    private static List<String> postConcurrently(String base, int count) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        List<Future<String>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < count; i++) {
                String message = Integer.toString(700_000 + i);
                byte[] body = ("{\"event\":\"message_created\",\"id\":" + message + ",\"account\":{\"id\":1},\"content\":\"crash\"}")
                        .getBytes(StandardCharsets.UTF_8);
                results.add(pool.submit(() -> {
                    long now = Instant.now().getEpochSecond();
                    var response = client.send(HttpRequest.newBuilder(URI.create(base + "/api/webhooks/chatwoot"))
                            .header("Content-Type", "application/json")
                            .header("X-Chatwoot-Timestamp", Long.toString(now))
                            .header("X-Chatwoot-Signature", ChatwootSignature.sign(SECRET, now, body))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
                    return response.statusCode() == 200 ? message : null;
                }));
            }
            List<String> acknowledged = new ArrayList<>();
            for (Future<String> result : results) {
                if (result.get() != null) {
                    acknowledged.add(result.get());
                }
            }
            return acknowledged;
        }
    }
}
