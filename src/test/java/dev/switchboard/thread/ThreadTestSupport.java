package dev.switchboard.thread;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.switchboard.settings.Settings;
import dev.switchboard.settings.SystemSettings;
import dev.switchboard.support.HttpTestClient;
import dev.switchboard.support.Json;
import dev.switchboard.support.MutableClock;
import dev.switchboard.account.ApiTokens;
import dev.switchboard.web.Role;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** A clean thread store, known settings, and a token per role. */
abstract class ThreadTestSupport {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApiTokens tokens;
    @Autowired
    SystemSettings settings;
    @Autowired
    MutableClock clock;
    HttpTestClient http;
    String viewer;
    String agent;
    String admin;

    @BeforeEach
    void cleanThreadsAndTokens() {
        http = new HttpTestClient(port);
        clock.set(Instant.parse("2026-07-20T10:00:00Z"));
        jdbc.sql("TRUNCATE threads, emails, client_logs CASCADE").update();
        settings.update(new Settings("support@example.com", "447700900123", "https://support.example.com", true,
                List.of("Billing", "Technical problem")), "test");
        viewer = tokens.issue("viewer", Role.VIEWER, "test").token();
        agent = tokens.issue("agent", Role.AGENT, "test").token();
        admin = tokens.issue("admin", Role.ADMIN, "test").token();
    }

    /** A query as the portal sends it, from Ana about order ORD-42. */
    static String query(String subject, String message) {
        return Json.of("queryType", "Billing", "priority", "HIGH", "subject", subject, "message", message, "name", "Ana Pérez",
                "email", "ana@example.com", "reference", "ORD-42");
    }

    /** Raises a query through the public API: its code, id and link token. */
    Raised raise(String subject, String message) {
        var response = http.postJson("/api/support/public/threads", null, query(subject, message));
        if (response.status() != 201) {
            throw new IllegalStateException("raise answered " + response.status() + ": " + response.body());
        }
        String code = response.json().path("code").asString();
        UUID id = jdbc.sql("SELECT id FROM threads WHERE code = :code").param("code", code).query(UUID.class).single();
        return new Raised(code, id, response.json().path("linkToken").asString());
    }

    JsonNode thread(UUID id) {
        return http.get("/api/support/threads/" + id, agent).json();
    }

    String status(UUID id) {
        return jdbc.sql("SELECT status FROM threads WHERE id = :id").param("id", id).query(String.class).single();
    }

    HttpTestClient.Response move(UUID id, String to) {
        return http.postJson("/api/support/threads/" + id + "/status", agent, Json.of("status", to));
    }

    HttpTestClient.Response post(UUID id, String visibility, String body) {
        return http.postJson("/api/support/threads/" + id + "/messages", agent,
                Json.of("visibility", visibility, "body", body));
    }

    long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    record Raised(String code, UUID id, String link) {
    }
}
