package dev.switchboard.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import dev.switchboard.inbound.ChatwootSignature;
import dev.switchboard.support.HttpTestClient;
import dev.switchboard.support.MutableClock;
import dev.switchboard.support.IntegrationTest;
import dev.switchboard.support.TcpProxy;
import dev.switchboard.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Readiness is DOWN while the database cannot be reached and UP again, without a restart, once it can. */
@IntegrationTest
class ReadinessFollowsDatabaseTest {

    static final TcpProxy PROXY;

    static {
        try {
            TestDatabase.recreateOnce();
            PROXY = new TcpProxy(URI.create(TestDatabase.URL).getPort());
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;

    @DynamicPropertySource
    static void throughProxy(DynamicPropertyRegistry registry) {
        URI db = URI.create(TestDatabase.URL);
        registry.add("switchboard.database.url",
                () -> "postgres://" + db.getUserInfo() + "@127.0.0.1:" + PROXY.port() + db.getPath());
    }

    @AfterAll
    static void closeProxy() throws IOException {
        PROXY.close();
    }

    @Test
    void readiness_goes_down_with_the_database_and_comes_back_with_it() throws IOException {
        HttpTestClient http = new HttpTestClient(port);
        assertThat(http.get("/actuator/health/readiness", null).status()).isEqualTo(200);

        PROXY.cut();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(http.get("/actuator/health/readiness", null).status()).isEqualTo(503));
        assertThat(http.get("/actuator/health/liveness", null).status()).isEqualTo(200);
        byte[] body = "{\"event\":\"contact_created\",\"id\":1}".getBytes(StandardCharsets.UTF_8);
        long now = clock.instant().getEpochSecond();
        var refused = http.postWebhook(body, Map.of("Content-Type", "application/json",
                "X-Chatwoot-Timestamp", Long.toString(now),
                "X-Chatwoot-Signature", ChatwootSignature.sign("sw1tchb0ardTestSecret24c", now, body)));
        assertThat(refused.status()).as("nothing is acknowledged that was not stored").isEqualTo(503);
        assertThat(refused.json().path("reason").asString()).isEqualTo("storage-unavailable");

        PROXY.start();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(http.get("/actuator/health/readiness", null).status()).isEqualTo(200));
    }
}
