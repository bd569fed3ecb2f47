package dev.switchboard.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.standardwebhooks.Webhook;
import dev.switchboard.support.FakeAgent.Answer;
import dev.switchboard.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/** An accepted event reaches the agent byte for byte, signed the Standard Webhooks way, within moments. */
@IntegrationTest
class AgentDeliveryTest extends DeliveryTestSupport {

    @org.springframework.beans.factory.annotation.Autowired
    dev.switchboard.account.ApiTokens tokens;

    @Test
    void event_reaches_the_agent_with_its_exact_bytes_and_a_signature_the_reference_library_verifies() throws Exception {
        String body = message(4242);
        UUID eventId = receive(body);

        await().atMost(Duration.ofSeconds(5)).until(() -> AGENT.received().size() == 1);
        var request = AGENT.received().getFirst();
        assertThat(request.body()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
        assertThat(request.header("webhook-id")).isEqualTo(delivery(eventId).get("id").toString());
        assertThat(request.header("X-Chatwoot-Event")).isEqualTo("message_created");
        assertThat(request.header("X-Chatwoot-Delivery")).isNotBlank();
        new Webhook(AGENT_SECRET).verify(new String(request.body(), StandardCharsets.UTF_8),
                Map.of("webhook-id", List.of(request.header("webhook-id")),
                        "webhook-timestamp", List.of(request.header("webhook-timestamp")),
                        "webhook-signature", List.of(request.header("webhook-signature"))));
        await().atMost(Duration.ofSeconds(5)).until(() -> "DELIVERED".equals(status(eventId)));
    }

    @Test
    void every_attempt_is_recorded_with_status_duration_and_response_excerpt() {
        AGENT.answer(r -> Answer.status(200).withBody("{\"ok\":true}"));
        UUID eventId = receive(message(4243));

        await().atMost(Duration.ofSeconds(5)).until(() -> "DELIVERED".equals(status(eventId)));
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

        await().atMost(Duration.ofSeconds(5)).until(() -> "DEAD".equals(status(eventId)));
        assertThat(delivery(eventId)).containsEntry("attempts", 1).containsEntry("last_error", "4xx");
        assertThat(AGENT.received()).hasSize(1);
    }

    @Test
    void delivery_metrics_are_scraped_by_prometheus() {
        AGENT.answer(r -> Answer.status(200));
        UUID delivered = receive(message(4250));
        await().atMost(Duration.ofSeconds(5)).until(() -> "DELIVERED".equals(status(delivered)));
        AGENT.answer(r -> Answer.status(400));
        UUID dead = receive(message(4251));
        await().atMost(Duration.ofSeconds(5)).until(() -> "DEAD".equals(status(dead)));

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

        await().atMost(Duration.ofSeconds(5)).until(() -> "DEAD".equals(status(eventId)));
        await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.sql(
                "SELECT flagged_reason FROM delivery_destinations WHERE name = 'agent'").query(String.class).optional().isPresent());
    }

    @Test
    void a_server_error_is_retried_on_schedule_and_delivered_when_the_agent_recovers() {
        AGENT.answer(r -> Answer.status(503));
        UUID eventId = receive(message(4246));
        await().atMost(Duration.ofSeconds(5)).until(() -> ((Integer) delivery(eventId).get("attempts")) == 1
                && delivery(eventId).get("lease_owner") == null);
        Instant next = ((java.sql.Timestamp) delivery(eventId).get("next_attempt_at")).toInstant();
        // Svix's second step is 5 s, ±20 %
        assertThat(Duration.between(clock.instant(), next)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(6));
        assertThat(status(eventId)).isEqualTo("PENDING");

        AGENT.answer(r -> Answer.status(200));
        clock.advance(Duration.ofSeconds(7));
        worker.wake();

        await().atMost(Duration.ofSeconds(5)).until(() -> "DELIVERED".equals(status(eventId)));
        assertThat(AGENT.received()).hasSize(2);
        assertThat(AGENT.received().get(0).header("webhook-id")).isEqualTo(AGENT.received().get(1).header("webhook-id"));
    }

    @Test
    void retry_after_longer_than_the_next_step_is_honoured() {
        AGENT.answer(r -> Answer.status(429).withHeader("Retry-After", "120"));
        UUID eventId = receive(message(4247));

        await().atMost(Duration.ofSeconds(5)).until(() -> ((Integer) delivery(eventId).get("attempts")) == 1
                && delivery(eventId).get("lease_owner") == null);
        Instant next = ((java.sql.Timestamp) delivery(eventId).get("next_attempt_at")).toInstant();
        assertThat(Duration.between(clock.instant(), next)).isBetween(Duration.ofSeconds(119), Duration.ofSeconds(121));
    }

    @Test
    void a_timeout_is_recorded_as_timeout_and_retried() {
        AGENT.answer(r -> Answer.status(200).after(Duration.ofSeconds(3)));
        UUID eventId = receive(message(4248));

        await().atMost(Duration.ofSeconds(8)).until(() -> ((Integer) delivery(eventId).get("attempts")) == 1
                && delivery(eventId).get("lease_owner") == null);
        assertThat(delivery(eventId)).containsEntry("status", "PENDING").containsEntry("last_error", "timeout");
    }
}
