package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class StandInChatwootTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void keeps_a_posted_reply_lists_it_with_its_mark_and_sends_its_webhook_back() throws Exception {
        var out = new ByteArrayOutputStream();
        List<byte[]> webhooks = new CopyOnWriteArrayList<>();
        try (StandInChatwoot chatwoot = new StandInChatwoot(0, webhooks::add, new PrintStream(out, true, StandardCharsets.UTF_8));
             HttpClient client = HttpClient.newHttpClient()) {
            String base = "http://127.0.0.1:" + chatwoot.port();
            HttpResponse<String> posted = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/accounts/7003/conversations/8342/messages"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                            {"content":"Your refund is on its way.","message_type":"outgoing","private":false,
                             "content_attributes":{"switchboard_action":"a-1"}}""")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> listed = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/accounts/7003/conversations/8342/messages"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(base + "/health")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(posted.statusCode()).isEqualTo(200);
            long id = JSON.readTree(posted.body()).path("id").asLong();
            JsonNode kept = JSON.readTree(listed.body()).path("payload").get(0);
            assertThat(kept.path("id").asLong()).isEqualTo(id);
            assertThat(kept.path("content_attributes").path("switchboard_action").asString()).isEqualTo("a-1");
            assertThat(health.body()).contains("woot");
        }
        assertThat(webhooks).singleElement().satisfies(body -> {
            JsonNode event = JSON.readTree(body);
            assertThat(event.path("event").asString()).isEqualTo("message_created");
            assertThat(event.path("message_type").asString()).isEqualTo("outgoing");
            assertThat(event.path("account").path("id").asLong()).isEqualTo(7003);
            assertThat(event.path("conversation").path("id").asLong()).isEqualTo(8342);
            assertThat(event.path("content").asString()).isEqualTo("Your refund is on its way.");
            assertThat(event.path("content_attributes").path("switchboard_action").asString()).isEqualTo("a-1");
        });
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("REPLY to the customer in 7003/8342: Your refund is on its way.");
    }

    @Test
    void the_stand_in_agent_answers_in_kind_a_refund_a_damaged_parcel_or_anything_else() {
        assertThat(DraftProposer.canned("I want my money back").intent()).isEqualTo("refund");
        assertThat(DraftProposer.canned("Photo of the damaged frame attached").intent()).isEqualTo("damaged");
        assertThat(DraftProposer.canned("Hello there").intent()).isEqualTo("general");
    }
}
