package dev.switchboard.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.switchboard.inbound.ChatwootSignature;
import dev.switchboard.support.SwitchboardProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded database keeps every acknowledged event across a {@code kill -9} of the JVM, and the
 * next start copes with the postmaster the killed JVM left behind.
 */
class EmbeddedDatabaseCrashIT {

    private static final String SECRET = "crash-test-secret";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern PRINTED_TOKEN = Pattern.compile("Bearer (sb_\\S+)");

    @TempDir
    Path workDir;

    @Test
    void acknowledged_events_survive_kill_9_and_the_orphaned_postmaster_is_handled() throws Exception {
        Map<String, String> env = Map.of("CHATWOOT_WEBHOOK_SECRET", SECRET);
        String dataDir = "--switchboard.database.embedded.data-dir=" + workDir.resolve("data");
        Set<String> acknowledged = new HashSet<>();
        String token;

        SwitchboardProcess first = SwitchboardProcess.start(workDir, SwitchboardProcess.freePort(), env, dataDir)
                .awaitReady(Duration.ofSeconds(120));
        try {
            Matcher printed = PRINTED_TOKEN.matcher(first.output());
            assertThat(printed.find()).as("first start prints the admin token").isTrue();
            token = printed.group(1);
            acknowledged.addAll(postConcurrently(first.base(), 200));
        } finally {
            first.killHard();
        }
        assertThat(acknowledged).hasSize(200);
        Optional<ProcessHandle> orphan = postmaster(workDir.resolve("data"));
        assertThat(orphan).as("kill -9 leaves the embedded postmaster running").isPresent();

        try (SwitchboardProcess second = SwitchboardProcess.start(workDir, SwitchboardProcess.freePort(), env, dataDir)
                .awaitReady(Duration.ofSeconds(120))) {
            assertThat(orphan.get().isAlive()).as("the orphan was stopped").isFalse();
            assertThat(second.output()).doesNotContain("first start").doesNotContain(token);
            Set<String> stored = storedEventIds(second.base(), token);
            assertThat(stored).containsAll(acknowledged);
        }
    }

    private static List<String> postConcurrently(String base, int count) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        List<Future<String>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < count; i++) {
                byte[] body = ("{\"event\":\"message_created\",\"id\":" + (900_000 + i)
                        + ",\"account\":{\"id\":1},\"conversation\":{\"id\":" + i + "},\"content\":\"crash test\"}")
                        .getBytes(StandardCharsets.UTF_8);
                results.add(pool.submit(() -> {
                    long now = Instant.now().getEpochSecond();
                    HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + "/api/webhooks/chatwoot"))
                            .header("Content-Type", "application/json")
                            .header("X-Chatwoot-Timestamp", Long.toString(now))
                            .header("X-Chatwoot-Signature", ChatwootSignature.sign(SECRET, now, body))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                    return response.statusCode() == 200 ? JSON.readTree(response.body()).path("eventId").asString() : null;
                }));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> result : results) {
                if (result.get() != null) {
                    ids.add(result.get());
                }
            }
            return ids;
        }
    }

    private static Set<String> storedEventIds(String base, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/events?limit=500"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Set<String> ids = new HashSet<>();
        for (JsonNode event : JSON.readTree(response.body())) {
            ids.add(event.path("id").asString());
        }
        return ids;
    }

    private static Optional<ProcessHandle> postmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    }
}
