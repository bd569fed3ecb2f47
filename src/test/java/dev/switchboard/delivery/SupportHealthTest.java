package dev.switchboard.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import dev.switchboard.support.FakeAgent.Answer;
import dev.switchboard.support.IntegrationTest;
import dev.switchboard.account.ApiTokens;
import dev.switchboard.web.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The on-call view: one call tells how delivery is going and what needs a person. */
@IntegrationTest
class SupportHealthTest extends DeliveryTestSupport {

    @Autowired
    ApiTokens tokens;

    @Test
    void health_reports_rates_queue_durations_destinations_and_signature_mode() {
        UUID delivered = receive(message(88001));
        await().atMost(Duration.ofSeconds(5)).until(() -> "DELIVERED".equals(status(delivered)));
        AGENT.answer(r -> Answer.status(503));
        UUID failing = receive(message(88002));
        await().atMost(Duration.ofSeconds(5)).until(() -> (Integer) delivery(failing).get("attempts") == 1
                && delivery(failing).get("lease_owner") == null);

        var health = http.get("/api/support/health", tokens.issue("oncall", Role.VIEWER, "test").token()).json();

        assertThat(health.path("status").asString()).isEqualTo("OK");
        assertThat(health.path("intake").path("signatureMode").asString()).isEqualTo("enforce");
        var deliveries = health.path("deliveries");
        assertThat(deliveries.path("successRate15m").asDouble()).isEqualTo(0.5);
        assertThat(deliveries.path("attempts1h").asLong()).isEqualTo(2);
        assertThat(deliveries.path("pending").asLong()).isEqualTo(1);
        assertThat(deliveries.path("dead").asLong()).isZero();
        assertThat(deliveries.path("attemptDurationP95Ms").isNumber()).isTrue();
        var agent = deliveries.path("destinations").get(0);
        assertThat(agent.path("name").asString()).isEqualTo("agent");
        assertThat(agent.path("breaker").asString()).isEqualTo("closed");
        assertThat(agent.path("pending").asLong()).isEqualTo(1);
    }

    @Test
    void an_open_breaker_and_a_flagged_destination_raise_alert_lines() {
        CircuitBreaker breaker = worker.breaker("agent");
        String viewer = tokens.issue("oncall2", Role.VIEWER, "test").token();
        var before = http.get("/api/support/health", viewer).json();
        assertThat(before.path("status").asString()).isEqualTo("OK");
        assertThat(before.path("alerts")).isEmpty();
        try {
            for (int i = 0; i < 1000; i++) {
                breaker.failed(clock.instant());
            }
            jdbc.sql("UPDATE delivery_destinations SET flagged_at = now(), flagged_reason = 'answered 410 Gone' WHERE name = 'agent'")
                    .update();

            var health = http.get("/api/support/health", viewer).json();

            assertThat(health.path("status").asString()).isEqualTo("ATTENTION");
            assertThat(health.path("alerts").toString()).contains("breaker is open").contains("flagged");
            assertThat(health.path("deliveries").path("destinations").get(0).path("breaker").asString()).isEqualTo("open");
        } finally {
            breaker.succeeded();
        }
    }

    @Test
    void health_needs_a_token() {
        assertThat(http.get("/api/support/health", null).status()).isEqualTo(401);
    }
}
