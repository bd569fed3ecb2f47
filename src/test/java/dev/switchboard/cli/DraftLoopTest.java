package dev.switchboard.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import dev.switchboard.account.ApiTokens;
import dev.switchboard.support.FakeChatwoot;
import dev.switchboard.support.HttpTestClient;
import dev.switchboard.support.IntegrationTest;
import dev.switchboard.support.Json;
import dev.switchboard.support.MutableClock;
import dev.switchboard.support.WithFakeChatwoot;
import dev.switchboard.web.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole loop, end to end with every worker running: {@code simulate} posts Chatwoot's webhooks, Switchboard
 * delivers them to the stand-in agent, which proposes a draft for the customer's message; a person approves it,
 * Switchboard posts the reply to the fake Chatwoot (checked against Chatwoot's API document) and tells the agent.
 */
@IntegrationTest
// its context is used by this class alone: closed afterwards, its connections go back to PostgreSQL for the contexts to come
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DraftLoopTest {

    private static final String WEBHOOK_SECRET = "sw1tchb0ardTestSecret24c";
    private static final int AGENT_PORT = freePort();
    private static final FakeChatwoot CHATWOOT;

    static {
        try {
            CHATWOOT = new FakeChatwoot(WithFakeChatwoot.CHATWOOT_KEY);
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    ApiTokens tokens;

    /** A context of its own (it delivers to an agent), so a database and a fake Chatwoot of its own. */
    @DynamicPropertySource
    static void standInAgent(DynamicPropertyRegistry registry) {
        WithFakeChatwoot.talkingTo(CHATWOOT, "switchboard_draft_loop_test", registry);
        registry.add("switchboard.delivery.agent-url", () -> "http://127.0.0.1:" + AGENT_PORT + "/webhook");
        registry.add("switchboard.drafts.mirror-to-chatwoot", () -> false);
    }

    @AfterEach
    void everyRequestMatchedChatwootsOpenApi() {
        assertThat(CHATWOOT.violations()).as("requests Chatwoot's OpenAPI document does not allow").isEmpty();
    }

    @Test
    void a_customer_message_becomes_a_draft_a_person_approves_it_once_and_the_agent_is_told() throws Exception {
        // simulate signs with the wall clock, as Chatwoot does
        clock.set(java.time.Instant.now());
        for (long conversation = 8342; conversation <= 8346; conversation++) {
            CHATWOOT.conversation(conversation);
        }
        HttpTestClient http = new HttpTestClient(port);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        Thread simulate = Thread.ofVirtual().start(() -> Cli.run(new String[] {"simulate", "--url", "http://127.0.0.1:" + port,
                "--secret", WEBHOOK_SECRET, "--agent-port", Integer.toString(AGENT_PORT), "--propose", "--draft-secret",
                WithFakeChatwoot.AGENT_DRAFT_SECRET}, out, out));
        try {
            String agent = tokens.issue("loop-agent", Role.AGENT, "test").token();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(http.get("/api/drafts", agent).json()
                    .findValuesAsString("idempotencyKey")).contains("stand-in:7003:97311", "stand-in:7003:97402"));
            HttpTestClient.Response queue = http.get("/api/drafts", agent);
            var latest = java.util.stream.StreamSupport.stream(queue.json().spliterator(), false)
                    .filter(d -> d.path("idempotencyKey").asString().equals("stand-in:7003:97402")).findFirst().orElseThrow();
            assertThat(latest.path("intent").asString()).isEqualTo("damaged");
            assertThat(latest.path("sources").get(0).path("url").asString()).startsWith("https://help.example.com/");
            UUID draft = UUID.fromString(latest.path("id").asString());

            HttpTestClient.Response approved = http.postJson("/api/drafts/" + draft + "/decision", agent, Json.of("kind", "APPROVE"));
            HttpTestClient.Response twice = http.postJson("/api/drafts/" + draft + "/decision", agent, Json.of("kind", "APPROVE"));

            assertThat(approved.status()).isEqualTo(200);
            assertThat(twice.status()).isEqualTo(409);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(CHATWOOT.conversation(8345).replies).containsExactly(latest.path("body").asString());
                assertThat(printed.toString(StandardCharsets.UTF_8)).contains("agent  told: draft.decided " + draft + ": approved by token:loop-agent");
            });
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("agent  proposes a damaged draft for conversation 7003/8345  -> 201");
            assertThat(http.get("/api/drafts/stats?weeks=1", agent).json().path("total").path("approved").asLong()).isOne();
        } finally {
            simulate.interrupt();
            simulate.join(Duration.ofSeconds(10));
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
