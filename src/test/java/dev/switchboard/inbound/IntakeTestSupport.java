package dev.switchboard.inbound;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import dev.switchboard.support.Fixtures;
import dev.switchboard.support.HttpTestClient;
import dev.switchboard.support.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the intake tests share: a client, the clock, and a look at the events table. */
abstract class IntakeTestSupport {

    static final Fixtures.Vectors PROJECT = Fixtures.project();

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;
    HttpTestClient http;

    @BeforeEach
    void emptyEventsTable() {
        http = new HttpTestClient(port);
        jdbc.sql("TRUNCATE events CASCADE").update();
    }

    HttpTestClient.Response post(Fixtures.Fixture fixture) {
        if (fixture.signed()) {
            clock.set(Instant.ofEpochSecond(fixture.timestamp()));
        }
        return http.postWebhook(fixture.body(), fixture.headers());
    }

    /** Headers for {@code body} signed now with {@code secret}, as Chatwoot would send them. */
    Map<String, String> signedHeaders(byte[] body, String secret, String deliveryId) {
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Chatwoot-Timestamp", Long.toString(timestamp));
        headers.put("X-Chatwoot-Signature", ChatwootSignature.sign(secret, timestamp, body));
        if (deliveryId != null) {
            headers.put("X-Chatwoot-Delivery", deliveryId);
        }
        return headers;
    }

    long storedEvents() {
        return jdbc.sql("SELECT count(*) FROM events").query(Long.class).single();
    }
}
