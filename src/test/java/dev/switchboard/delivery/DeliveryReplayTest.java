package dev.switchboard.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.switchboard.support.FakeAgent.Answer;
import dev.switchboard.support.IntegrationTest;
import dev.switchboard.account.ApiTokens;
import dev.switchboard.web.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Dead deliveries are found, inspected and put back, through the API, as an operator would. The worker's
 * own threads are stopped here and each test delivers a round at a time ({@code runOnce}): no waiting.
 */
@IntegrationTest
class DeliveryReplayTest extends DeliveryTestSupport {

    @BeforeEach
    void stepByStep() {
        worker.stop();
    }

    @AfterEach
    void workerRunsAgainForTheNextTests() {
        worker.start();
    }


    @Autowired
    ApiTokens tokens;
    String agentToken;
    String viewerToken;

    @BeforeEach
    void tokens() {
        agentToken = tokens.issue("replayer", Role.AGENT, "test").token();
        viewerToken = tokens.issue("watcher", Role.VIEWER, "test").token();
    }

    @Test
    void dead_delivery_is_listed_shown_with_attempts_and_masked_body_and_replayed_once_with_its_webhook_id() {
        AGENT.answer(r -> Answer.status(400).withBody("schema mismatch"));
        UUID eventId = receive("{\"event\":\"message_created\",\"id\":77001,\"account\":{\"id\":1},"
                + "\"conversation\":{\"contact_inbox\":{\"pubsub_token\":\"very-secret-token\"}}}");
        worker.runOnce();
        assertThat("DEAD".equals(status(eventId))).isTrue();
        String deliveryId = delivery(eventId).get("id").toString();

        var listed = http.get("/api/deliveries?status=DEAD&destination=agent", viewerToken);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().path("items").get(0).path("id").asString()).isEqualTo(deliveryId);
        var shown = http.get("/api/deliveries/" + deliveryId, viewerToken);
        assertThat(shown.json().path("attempts").get(0).path("responseExcerpt").asString()).isEqualTo("schema mismatch");
        assertThat(shown.json().path("event").path("body").asString()).contains("••••••").doesNotContain("very-secret-token");

        AGENT.answer(r -> Answer.status(200));
        var replay = http.postJson("/api/deliveries/" + deliveryId + "/replay", agentToken, "");

        assertThat(replay.status()).isEqualTo(202);
        worker.runOnce();
        assertThat("DELIVERED".equals(status(eventId))).isTrue();
        List<String> ids = AGENT.received().stream().map(r -> r.header("webhook-id")).toList();
        assertThat(ids).containsExactly(deliveryId, deliveryId);
        var progress = http.get("/api/deliveries/replays/" + replay.json().path("replayId").asString(), viewerToken);
        assertThat(progress.json().path("delivered").asInt()).isEqualTo(1);
        assertThat(progress.json().path("finished").asBoolean()).isTrue();
    }

    @Test
    void replaying_a_delivery_that_is_not_dead_is_a_409_and_changes_nothing() {
        UUID eventId = receive(message(77002));
        worker.runOnce();
        assertThat("DELIVERED".equals(status(eventId))).isTrue();

        var replay = http.postJson("/api/deliveries/" + delivery(eventId).get("id") + "/replay", agentToken, "");

        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.contentType()).startsWith("application/problem+json");
        assertThat(replay.json().path("type").asString()).isEqualTo("urn:switchboard:problem:delivery-not-dead");
        assertThat(status(eventId)).isEqualTo("DELIVERED");
    }

    @Test
    void an_unknown_delivery_or_replay_is_a_404_problem() {
        UUID unknown = UUID.randomUUID();

        for (var response : List.of(http.get("/api/deliveries/" + unknown, agentToken),
                http.postJson("/api/deliveries/" + unknown + "/replay", agentToken, ""),
                http.get("/api/deliveries/replays/" + unknown, agentToken))) {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.json().path("type").asString()).isEqualTo("urn:switchboard:problem:delivery-not-found");
        }
    }

    @Test
    void replay_by_filter_counts_exactly_in_a_dry_run_then_replays_only_those() {
        AGENT.answer(r -> Answer.status(422));
        List<UUID> messages = List.of(receive(message(77010)), receive(message(77011)), receive(message(77012)));
        List<UUID> conversations = List.of(
                receive("{\"event\":\"conversation_created\",\"id\":9001,\"updated_at\":1.5,\"account\":{\"id\":1}}"),
                receive("{\"event\":\"conversation_created\",\"id\":9002,\"updated_at\":1.5,\"account\":{\"id\":1}}"));
        worker.runOnce();
        assertThat(messages.stream().allMatch(e -> "DEAD".equals(status(e)))
                && conversations.stream().allMatch(e -> "DEAD".equals(status(e)))).isTrue();

        var dryRun = http.postJson("/api/deliveries/replays", agentToken, "{\"eventType\":\"message_created\",\"lastError\":\"4xx\"}");
        var dryRunByOldNames = http.postJson("/api/deliveries/replays", agentToken, "{\"event\":\"message_created\",\"errorClass\":\"4xx\"}");
        var listedByOldNames = http.get("/api/deliveries?status=DEAD&event=message_created&errorClass=4xx", agentToken);
        assertThat(dryRun.json().path("dryRun").asBoolean()).isTrue();
        assertThat(dryRun.json().path("count").asLong()).isEqualTo(3);
        assertThat(dryRunByOldNames.json().path("count").asLong()).as("the names of before, read for one release").isEqualTo(3);
        assertThat(listedByOldNames.json().path("items")).hasSize(3);
        assertThat(http.get("/api/deliveries?status=DEAD&eventType=message_created&lastError=4xx", agentToken).json().path("items"))
                .hasSize(3).allSatisfy(d -> assertThat(d.path("eventType").asString()).isEqualTo("message_created"));
        assertThat(messages.stream().map(this::status)).containsOnly("DEAD");

        AGENT.answer(r -> Answer.status(200));
        var started = http.postJson("/api/deliveries/replays", agentToken, "{\"eventType\":\"message_created\",\"dryRun\":false}");

        assertThat(started.status()).isEqualTo(202);
        assertThat(started.json().path("count").asInt()).isEqualTo(3);
        clock.advance(Duration.ofSeconds(1)); // released at 50/s: all three due within 40 ms
        worker.runOnce();
        assertThat(messages.stream().allMatch(e -> "DELIVERED".equals(status(e)))).isTrue();
        assertThat(conversations.stream().map(this::status)).containsOnly("DEAD");
    }

    @Test
    void a_replay_is_released_at_the_capped_rate_and_can_be_cancelled() {
        AGENT.answer(r -> Answer.status(400));
        List<UUID> events = List.of(receive(message(77020)), receive(message(77021)), receive(message(77022)));
        worker.runOnce();
        assertThat(events.stream().allMatch(e -> "DEAD".equals(status(e)))).isTrue();
        AGENT.reset();

        var started = http.postJson("/api/deliveries/replays", agentToken, "{\"dryRun\":false,\"ratePerSecond\":1}");
        String replayId = started.json().path("replayId").asString();
        // the clock stands still: only the first is due now, the others 1 s and 2 s later
        worker.runOnce();
        assertThat(AGENT.received().size() == 1).isTrue();
        var cancelled = http.postJson("/api/deliveries/replays/" + replayId + "/cancel", agentToken, "");

        assertThat(cancelled.json().path("cancelled").asInt()).isEqualTo(2);
        assertThat(events.stream().map(this::status).filter("DEAD"::equals).count()).isEqualTo(2);
        assertThat(AGENT.received()).hasSize(1);
    }

    @Test
    void a_viewer_may_look_but_not_replay() {
        assertThat(http.get("/api/deliveries", viewerToken).status()).isEqualTo(200);
        assertThat(http.postJson("/api/deliveries/replays", viewerToken, "{}").status()).isEqualTo(403);
        assertThat(http.get("/api/deliveries", null).status()).isEqualTo(401);
    }

    @Test
    void bad_filters_are_400_problems() {
        for (String query : List.of("status=LOST", "limit=0", "limit=501", "from=yesterday", "before=not-a-uuid")) {
            var response = http.get("/api/deliveries?" + query, viewerToken);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.contentType()).as(query).startsWith("application/problem+json");
        }
        var backwards = http.postJson("/api/deliveries/replays", agentToken,
                "{\"from\":\"2026-07-02T00:00:00Z\",\"to\":\"2026-07-01T00:00:00Z\"}");
        assertThat(backwards.status()).isEqualTo(400);
    }
}
