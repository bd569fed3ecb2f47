package dev.switchboard.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.switchboard.inbound.ChatwootSignature;
import dev.switchboard.support.FakeAgent;
import dev.switchboard.support.HttpTestClient;
import dev.switchboard.support.MutableClock;
import dev.switchboard.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Delivery tests share one context with an agent destination pointing at a fake agent, on a database
 * of their own: contexts without an agent would otherwise switch the destination off under them.
 */
abstract class DeliveryTestSupport {

    static final String DATABASE = "switchboard_delivery_test";
    static final String AGENT_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String WEBHOOK_SECRET = "sw1tchb0ardTestSecret24c";
    static final FakeAgent AGENT;

    static {
        try {
            AGENT = new FakeAgent();
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void agentAndDatabase(DynamicPropertyRegistry registry) {
        TestDatabase.recreateOnce(DATABASE);
        registry.add("switchboard.database.url", () -> TestDatabase.url(DATABASE));
        registry.add("switchboard.delivery.agent-url", () -> AGENT.url().toString());
        registry.add("switchboard.delivery.agent-secret", () -> AGENT_SECRET);
        registry.add("switchboard.delivery.agent-timeout", () -> "2s");
        registry.add("switchboard.delivery.agent-events", () -> "message_created,message_updated,conversation_created");
        registry.add("switchboard.delivery.poll-interval", () -> "200ms");
        registry.add("switchboard.delivery.breaker-failures", () -> "1000");
    }

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DeliveryWorker worker;
    HttpTestClient http;

    @BeforeEach
    void emptyQueueAndAgent() {
        http = new HttpTestClient(port);
        clock.set(Instant.now());
        jdbc.sql("TRUNCATE events, delivery_attempts CASCADE").update();
        jdbc.sql("UPDATE delivery_destinations SET flagged_at = NULL, flagged_reason = NULL").update();
        AGENT.reset();
    }

    /** Posts a webhook through the intake, signed now, and returns the event id. */
    UUID receive(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long now = clock.instant().getEpochSecond();
        var response = http.postWebhook(bytes, Map.of("Content-Type", "application/json",
                "X-Chatwoot-Delivery", UUID.randomUUID().toString(),
                "X-Chatwoot-Timestamp", Long.toString(now),
                "X-Chatwoot-Signature", ChatwootSignature.sign(WEBHOOK_SECRET, now, bytes)));
        if (response.status() != 200) {
            throw new IllegalStateException("intake answered " + response.status() + ": " + response.body());
        }
        return UUID.fromString(response.json().path("eventId").asString());
    }

    static String message(long id) {
        return "{\"event\":\"message_created\",\"id\":" + id + ",\"account\":{\"id\":1},\"conversation\":{\"id\":" + (id % 97)
                + "},\"content\":\"delivery test \\u003cb\\u003e " + id + "\"}";
    }

    Map<String, Object> delivery(UUID eventId) {
        return jdbc.sql("SELECT * FROM deliveries WHERE event_id = :id").param("id", eventId).query().singleRow();
    }

    String status(UUID eventId) {
        return (String) delivery(eventId).get("status");
    }
}
