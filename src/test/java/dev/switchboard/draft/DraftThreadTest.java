package dev.switchboard.draft;

import java.time.Duration;
import java.util.UUID;

import dev.switchboard.support.HttpTestClient;
import dev.switchboard.support.IntegrationTest;
import dev.switchboard.support.Json;
import dev.switchboard.thread.SupportThreads;
import dev.switchboard.web.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Drafts for native threads: proposed by the thread's code, stale when the customer writes again, sent as the staff's reply. */
@IntegrationTest
class DraftThreadTest extends DraftTestSupport {

    @Autowired
    SupportThreads threads;

    @Test
    void a_thread_draft_goes_stale_when_the_customer_writes_and_is_sent_once_as_the_staff_reply_after_a_second_look() {
        var raised = http.postJson("/api/support/public/threads", null, Json.of("queryType", "Billing", "priority", "HIGH",
                "subject", "Refund for order 77", "message", "Where is my refund?", "name", "Ana Pérez", "email", "ana@example.com")).json();
        String code = raised.path("code").asString();
        UUID thread = threads.find(code).orElseThrow().id();
        clock.advance(Duration.ofSeconds(5));
        HttpTestClient.Response proposed = proposeSigned(Json.of("idempotencyKey", "t-" + code, "thread", code,
                "text", "Your refund for order 77 left us today.", "intent", "refund", "confidence", 0.8));
        UUID draft = UUID.fromString(proposed.json().path("id").asString());
        clock.advance(Duration.ofSeconds(5));

        http.postJson("/api/support/public/links/" + raised.path("linkToken").asString() + "/messages", null,
                Json.of("body", "Also, can I get it to another card?"));
        String agent = token(Role.AGENT);
        HttpTestClient.Response unseen = decide(draft, agent, Json.of("kind", "APPROVE"));
        HttpTestClient.Response approved = decide(draft, agent, Json.of("kind", "APPROVE", "confirmStale", true));

        assertThat(proposed.status()).isEqualTo(201);
        assertThat(proposed.json().path("subject").path("threadCode").asString()).isEqualTo(code);
        assertThat(unseen.status()).isEqualTo(409);
        assertThat(unseen.json().path("type").asString()).endsWith("draft-stale");
        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.json().path("staleReason").asString()).isNotBlank();
        assertThat(threads.lastMessages(thread, 10)).filteredOn(m -> !m.fromCustomer() && !m.internal()).singleElement()
                .satisfies(reply -> {
                    assertThat(reply.body()).isEqualTo("Your refund for order 77 left us today.");
                    assertThat(approved.json().path("threadMessageId").asString()).isEqualTo(reply.id().toString());
                });
    }
}
