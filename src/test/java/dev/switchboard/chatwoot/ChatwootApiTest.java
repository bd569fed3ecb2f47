package dev.switchboard.chatwoot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.switchboard.support.FakeChatwoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every call the client makes, against the fake Chatwoot, whose requests are checked against Chatwoot's own
 * OpenAPI document when {@code ../shared} has it (the calls the action tests do not make are here).
 */
class ChatwootApiTest {

    private static FakeChatwoot chatwoot;
    private static ChatwootApi api;

    @BeforeAll
    static void fake() throws Exception {
        chatwoot = new FakeChatwoot("key-1");
        api = new ChatwootApi(URI.create(chatwoot.url() + "/"), " key-1 ", Duration.ofSeconds(5));
    }

    @AfterAll
    static void close() {
        chatwoot.close();
    }

    @AfterEach
    void everyRequestMatchedChatwootsOpenApi() {
        if (!FakeChatwoot.specAvailable()) {
            System.out.println("../shared/chatwoot/application_swagger.json is absent: requests were not checked against Chatwoot's spec");
        }
        assertThat(chatwoot.violations()).isEmpty();
        chatwoot.reset();
    }

    @Test
    void every_call_reaches_the_api_with_the_token_and_a_body_the_spec_allows() throws Exception {
        chatwoot.conversation(5).labels("billing").priority("low");
        chatwoot.contact(42, Map.of("vip", true, "plan", "pro"));

        assertThat(api.conversation(3, 5).path("priority").asString()).isEqualTo("low");
        assertThat(api.messages(3, 5).path("payload").isArray()).isTrue();
        assertThat(api.labels(3, 5)).containsExactly("billing");
        api.replaceLabels(3, 5, List.of("billing", "vip"));
        api.postMessage(3, 5, "a note", true, "action-1");
        long reply = api.postMessage(3, 5, "a reply", false, "action-2");
        assertThat(api.findMarked(3, 5, "action-2")).isEqualTo(reply);
        assertThat(api.findMarked(3, 5, "action-3")).isEqualTo(-1);
        api.toggleStatus(3, 5, "resolved");
        api.togglePriority(3, 5, "urgent");
        api.assignTeam(3, 5, 2);
        api.assignAgent(3, 5, 12);
        assertThat(api.contact(3, 42).path("payload").path("custom_attributes").path("vip").asBoolean()).isTrue();

        assertThat(chatwoot.calls()).hasSize(13).allSatisfy(call -> assertThat(call.status()).isEqualTo(200));
        assertThat(chatwoot.conversation(5).labels).containsExactly("billing", "vip");
        assertThat(chatwoot.conversation(5).status).isEqualTo("resolved");
    }

    @Test
    void a_refusal_says_which_call_and_what_chatwoot_answered_and_never_the_token() throws Exception {
        assertThatThrownBy(() -> api.labels(3, 404)).isInstanceOfSatisfying(ChatwootApi.CallFailed.class, failed -> {
            assertThat(failed.status()).isEqualTo(404);
            assertThat(failed.refused()).isTrue();
            assertThat(failed.getMessage()).contains("GET /api/v1/accounts/3/conversations/404/labels answered 404")
                    .doesNotContain("key-1");
        });
        chatwoot.conversation(6);
        chatwoot.failNext(429);
        assertThatThrownBy(() -> api.labels(3, 6)).isInstanceOfSatisfying(ChatwootApi.CallFailed.class, failed -> {
            assertThat(failed.throttled()).isTrue();
            assertThat(failed.refused()).isFalse();
        });
        assertThat(api.health().body()).contains("woot");
    }
}
