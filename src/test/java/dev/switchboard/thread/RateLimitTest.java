package dev.switchboard.thread;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** One client address floods the public endpoints: 429 with Retry-After, and nothing more is stored. */
@IntegrationTest
@TestPropertySource(properties = {"switchboard.thread.raise-per-hour=3", "switchboard.thread.lookups-per-hour=4",
        "switchboard.client-logs.per-minute=2"})
class RateLimitTest extends ThreadTestSupport {

    @Autowired
    Threads threads;

    @Test
    void raising_queries_is_limited_per_address() {
        for (int i = 0; i < 3; i++) {
            assertThat(http.postJson("/api/support/public/threads", null, query("Flood " + i, "hello")).status()).isEqualTo(201);
        }

        var refused = http.postJson("/api/support/public/threads", null, query("Flood 3", "hello"));

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(refused.headers().get("retry-after").getFirst())).isBetween(1L, 3600L);
        assertThat(count("threads")).isEqualTo(3);
    }

    @Test
    void guessing_link_tokens_is_limited_per_address_and_then_even_a_good_one_waits() {
        Threads.Raised raised = threads.raise(new PublicSupportController.QueryForm("Billing", Priority.LOW, "Guessed",
                "hello", "Ana", "ana@example.com", null, null));
        for (int i = 0; i < 4; i++) {
            assertThat(http.get("/api/support/public/links/cl_guess" + i, null).status()).isEqualTo(404);
        }

        var guess = http.get("/api/support/public/links/cl_guess4", null);
        var good = http.get("/api/support/public/links/" + raised.link().token(), null);

        assertThat(guess.status()).isEqualTo(429);
        assertThat(guess.headers()).containsKey("retry-after");
        assertThat(good.status()).isEqualTo(429);
    }

    @Test
    void browser_error_reports_are_limited_per_address() {
        String report = "{\"level\":\"ERROR\",\"message\":\"boom\"}";
        assertThat(http.postJson("/api/client-logs", null, report).status()).isEqualTo(202);
        assertThat(http.postJson("/api/client-logs", null, report).status()).isEqualTo(202);

        assertThat(http.postJson("/api/client-logs", null, report).status()).isEqualTo(429);
        assertThat(count("client_logs")).isEqualTo(2);
    }
}
