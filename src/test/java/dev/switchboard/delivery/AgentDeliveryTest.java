package dev.switchboard.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.standardwebhooks.Webhook;
import dev.switchboard.support.FakeAgent.Answer;
import dev.switchboard.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An accepted event reaches the agent byte for byte, signed the Standard Webhooks way. The worker's own
 * threads are stopped here and each test delivers a round at a time ({@code runOnce}): no waiting.
 */
@IntegrationTest
class AgentDeliveryTest extends DeliveryTestSupport {

    @BeforeEach
    void stepByStep() {
        worker.stop();
    }

    @AfterEach
    void workerRunsAgainForTheNextTests() {
        worker.start();
    }

    @org.springframework.beans.factory.annotation.Autowired
    dev.switchboard.account.ApiTokens tokens;

    @Test
    void event_reaches_the_agent_with_its_exact_bytes_and_a_signature_the_reference_library_verifies() throws Exception {
        String body = message(4242);
        UUID eventId = receive(body);

        worker.runOnce();

        assertThat(AGENT.received()).hasSize(1);
        var request = AGENT.received().getFirst();
        assertThat(request.body()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
        assertThat(request.header("webhook-id")).isEqualTo(delivery(eventId).get("id").toString());
        assertThat(request.header("X-Chatwoot-Event")).isEqualTo("message_created");
        assertThat(request.header("X-Chatwoot-Delivery")).isNotBlank();
        new Webhook(AGENT_SECRET).verify(new String(request.body(), StandardCharsets.UTF_8),
                Map.of("webhook-id", List.of(request.header("webhook-id")),
                        "webhook-timestamp", List.of(request.header("webhook-timestamp")),
                        "webhook-signature", List.of(request.header("webhook-signature"))));
        assertThat(status(eventId)).isEqualTo("DELIVERED");
    }

    @Test
    void every_attempt_is_recorded_with_status_duration_and_response_excerpt() {
        AGENT.answer(r -> Answer.status(200).withBody("{\"ok\":true}"));
        UUID eventId = receive(message(4243));

        worker.runOnce();

        assertThat(status(eventId)).isEqualTo("DELIVERED");
        var attempt = jdbc.sql("SELECT * FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id WHERE d.event_id = :id")
                .param("id", eventId).query().singleRow();
        assertThat(attempt.get("number")).isEqualTo(1);
        assertThat(attempt.get("status_code")).isEqualTo(200);
        assertThat(attempt.get("outcome_class")).isEqualTo("2xx");
        assertThat(attempt.get("response_excerpt")).isEqualTo("{\"ok\":true}");
        assertThat((Integer) attempt.get("duration_ms")).isNotNegative();
    }

    @Test
    void a_client_error_makes_the_delivery_dead_at_once() {
        AGENT.answer(r -> Answer.status(400).withBody("bad payload"));
        UUID eventId = receive(message(4244));

        worker.runOnce();

        assertThat(status(eventId)).isEqualTo("DEAD");
        assertThat(delivery(eventId)).containsEntry("attempts", 1).containsEntry("last_error", "4xx");
        assertThat(AGENT.received()).hasSize(1);
    }

    @Test
    void delivery_metrics_are_scraped_by_prometheus() {
        AGENT.answer(r -> Answer.status(200));
        UUID delivered = receive(message(4250));
        worker.runOnce();
        AGENT.answer(r -> Answer.status(400));
        UUID dead = receive(message(4251));
        worker.runOnce();
        assertThat(status(delivered)).isEqualTo("DELIVERED");
        assertThat(status(dead)).isEqualTo("DEAD");

        String scrape = http.get("/actuator/prometheus", tokens.issue("prometheus", dev.switchboard.web.Role.VIEWER, "test").token()).body();

        assertThat(scrape).contains("switchboard_deliveries_delivered_total{destination=\"agent\"}")
                .contains("switchboard_deliveries_went_dead_total{destination=\"agent\"}")
                .contains("switchboard_attempts_total{destination=\"agent\",outcome=\"4xx\"}")
                .contains("switchboard_delivery_latency_seconds_bucket")
                .contains("switchboard_deliveries_pending ")
                .contains("switchboard_deliveries_oldest_pending_age_seconds")
                .contains("switchboard_deliveries_dead ")
                .contains("switchboard_destination_breaker_state{destination=\"agent\"}");
    }

    @Test
    void gone_makes_the_delivery_dead_and_flags_the_destination() {
        AGENT.answer(r -> Answer.status(410));
        UUID eventId = receive(message(4245));

        worker.runOnce();

        assertThat(status(eventId)).isEqualTo("DEAD");
        assertThat(jdbc.sql("SELECT flagged_reason FROM delivery_destinations WHERE name = 'agent'").query(String.class).single())
                .contains("410 Gone");
    }

    @Test
    void a_server_error_is_retried_on_schedule_and_delivered_when_the_agent_recovers() {
        AGENT.answer(r -> Answer.status(503));
        UUID eventId = receive(message(4246));
        worker.runOnce();
        assertThat(delivery(eventId)).containsEntry("attempts", 1).containsEntry("lease_owner", null);
        Instant next = ((java.sql.Timestamp) delivery(eventId).get("next_attempt_at")).toInstant();
        // Svix's second step is 5 s, ±20 %
        assertThat(Duration.between(clock.instant(), next)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(6));
        assertThat(status(eventId)).isEqualTo("PENDING");

        AGENT.answer(r -> Answer.status(200));
        assertThat(worker.runOnce()).as("not due yet").isZero();
        clock.advance(Duration.ofSeconds(7));

        worker.runOnce();

        assertThat(status(eventId)).isEqualTo("DELIVERED");
        assertThat(AGENT.received()).hasSize(2);
        assertThat(AGENT.received().get(0).header("webhook-id")).isEqualTo(AGENT.received().get(1).header("webhook-id"));
    }

    @Test
    void retry_after_longer_than_the_next_step_is_honoured() {
        AGENT.answer(r -> Answer.status(429).withHeader("Retry-After", "120"));
        UUID eventId = receive(message(4247));

        worker.runOnce();

        assertThat(delivery(eventId)).containsEntry("attempts", 1).containsEntry("lease_owner", null);
        Instant next = ((java.sql.Timestamp) delivery(eventId).get("next_attempt_at")).toInstant();
        assertThat(Duration.between(clock.instant(), next)).isBetween(Duration.ofSeconds(119), Duration.ofSeconds(121));
    }

    @Test
    void a_timeout_is_recorded_as_timeout_and_retried() {
        AGENT.answer(r -> Answer.status(200).after(Duration.ofSeconds(3)));
        UUID eventId = receive(message(4248));

        worker.runOnce();

        assertThat(delivery(eventId)).containsEntry("attempts", 1).containsEntry("lease_owner", null);
        assertThat(delivery(eventId)).containsEntry("status", "PENDING").containsEntry("last_error", "timeout");
    }
}
