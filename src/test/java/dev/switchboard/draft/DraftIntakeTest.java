package dev.switchboard.draft;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.switchboard.support.HttpTestClient;
import dev.switchboard.support.IntegrationTest;
import dev.switchboard.support.Json;
import dev.switchboard.web.Role;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class DraftIntakeTest extends DraftTestSupport {

    @Test
    void a_signed_draft_is_stored_once_and_a_repeat_with_its_key_is_the_same_draft() {
        String json = proposal("agent-key-1", 4101, "Your refund was sent on Monday; it reaches your bank in 3 to 5 days.",
                "intent", "refund", "confidence", 0.92, "inReplyTo", "4101001",
                "sources", List.of(Map.of("title", "Refund policy", "url", "https://help.example.com/refunds")));

        HttpTestClient.Response first = proposeSigned(json);
        HttpTestClient.Response again = proposeSigned(json);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.headers().get("location")).singleElement().asString().endsWith("/api/drafts/" + first.json().path("id").asString());
        assertThat(first.json().path("status").asString()).isEqualTo("PENDING");
        assertThat(first.json().path("intent").asString()).isEqualTo("refund");
        assertThat(first.json().path("sources").path(0).path("url").asString()).isEqualTo("https://help.example.com/refunds");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("id").asString()).isEqualTo(first.json().path("id").asString());
        assertThat(jdbc.sql("SELECT count(*) FROM drafts").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void a_key_used_again_for_another_text_is_a_conflict_and_changes_nothing() {
        assertThat(proposeSigned(proposal("agent-key-2", 4102, "First text.")).status()).isEqualTo(201);

        HttpTestClient.Response reused = proposeSigned(proposal("agent-key-2", 4102, "Another text."));

        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.contentType()).startsWith("application/problem+json");
        assertThat(reused.json().path("type").asString()).endsWith("idempotency-key-reused");
        assertThat(jdbc.sql("SELECT body FROM drafts").query(String.class).list()).containsExactly("First text.");
    }

    @Test
    void only_the_agents_signature_or_an_agent_bot_token_may_propose() {
        String json = proposal("agent-key-3", 4103, "Hello!");

        HttpTestClient.Response nothing = http.postJson("/api/agent/drafts", null, json);
        HttpTestClient.Response wrongSecret = http.send(signed(json, clock.instant(),
                "whsec_" + java.util.Base64.getEncoder().encodeToString("some-other-secret-of-32-bytes-xx".getBytes())));
        HttpTestClient.Response old = http.send(signed(json, clock.instant().minus(Duration.ofMinutes(6)), AGENT_DRAFT_SECRET));
        HttpTestClient.Response admin = http.postJson("/api/agent/drafts", token(Role.ADMIN), json);
        HttpTestClient.Response agent = http.postJson("/api/agent/drafts", token(Role.AGENT), json);

        assertThat(nothing.status()).isEqualTo(401);
        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(wrongSecret.json().path("type").asString()).endsWith("signature-mismatch");
        assertThat(old.status()).isEqualTo(401);
        assertThat(old.json().path("type").asString()).endsWith("signature-expired");
        assertThat(admin.status()).isEqualTo(403);
        assertThat(agent.status()).isEqualTo(403);
        assertThat(List.of(nothing, wrongSecret, old, admin, agent))
                .allSatisfy(r -> assertThat(r.contentType()).startsWith("application/problem+json"));
        assertThat(jdbc.sql("SELECT count(*) FROM drafts").query(Long.class).single()).isZero();

        String bot = token(Role.AGENT_BOT);
        assertThat(http.postJson("/api/agent/drafts", bot, json).status()).as("the agent bot's token, the positive control").isEqualTo(201);
        assertThat(proposeSigned(json).status()).as("the signature, the positive control").isEqualTo(200);
    }

    @Test
    void an_agent_bot_token_opens_nothing_else() {
        String bot = token(Role.AGENT_BOT);

        assertThat(http.get("/api/drafts", bot).status()).isEqualTo(403);
        assertThat(http.get("/api/deliveries", bot).status()).isEqualTo(403);
        assertThat(http.get("/api/conversations", bot).status()).isEqualTo(403);
        assertThat(http.postJson("/api/tokens", bot, Json.of("name", "more", "role", "ADMIN")).status()).isEqualTo(403);
        assertThat(http.get("/api/drafts", token(Role.AGENT)).status()).as("an agent's token, the positive control").isEqualTo(200);
    }

    @Test
    void a_bad_draft_is_refused_with_every_problem_and_nothing_is_stored() {
        String json = Json.of("idempotencyKey", "agent key with spaces", "accountId", ACME, "conversationId", 4104, "thread", "SB-ABCD",
                "text", " ", "confidence", 1.5, "intent", "Not An Intent!",
                "sources", List.of(Map.of("title", "Policy", "url", "javascript:alert(1)")));

        HttpTestClient.Response refused = proposeSigned(json);
        HttpTestClient.Response notJson = proposeSigned("{\"text\": ");
        HttpTestClient.Response wrongType = proposeSigned(proposal("agent-key-5", 4105, "Hi").replace("\"accountId\":3", "\"accountId\":\"3\""));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("errors").findValuesAsString("field"))
                .contains("idempotencyKey", "conversationId", "text", "confidence", "intent", "sources[0].url");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT count(*) FROM drafts").query(Long.class).single()).isZero();
    }

    @Test
    void a_draft_for_a_thread_that_does_not_exist_is_not_found() {
        HttpTestClient.Response refused = proposeSigned(Json.of("idempotencyKey", "agent-key-6", "thread", "SB-ZZZZ", "text", "Hi"));

        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.json().path("type").asString()).endsWith("thread-not-found");
    }

    @Test
    void each_draft_is_mirrored_into_its_conversation_as_a_private_note() {
        conversationWithCustomerMessage(4107);
        proposed(4107, "agent-key-7", "Your refund is on its way.");

        actionWorker.runOnce();

        assertThat(CHATWOOT.conversation(4107).notes).singleElement().asString()
                .startsWith(DraftNotes.MIRROR_HEADING).endsWith("Your refund is on its way.");
        assertThat(CHATWOOT.conversation(4107).replies).isEmpty();
    }
}
