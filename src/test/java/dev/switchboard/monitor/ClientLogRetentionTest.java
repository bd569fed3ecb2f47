package dev.switchboard.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import dev.switchboard.support.HttpTestClient;
import dev.switchboard.support.IntegrationTest;
import dev.switchboard.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class ClientLogRetentionTest {

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ClientLogs clientLogs;

    @Test
    void browser_error_reports_older_than_the_retention_are_deleted() {
        HttpTestClient http = new HttpTestClient(port);
        clock.set(Instant.parse("2026-07-20T10:00:00Z"));
        jdbc.sql("TRUNCATE client_logs").update();
        http.postJson("/api/client-logs", null, "{\"level\":\"WARN\",\"message\":\"old\"}");
        clock.advance(Duration.ofDays(15));
        http.postJson("/api/client-logs", null, "{\"level\":\"WARN\",\"message\":\"new\"}");

        clientLogs.deleteOld();

        assertThat(jdbc.sql("SELECT message FROM client_logs").query(String.class).list()).containsExactly("new");
    }
}
