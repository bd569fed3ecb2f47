package dev.switchboard.draft;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.switchboard.support.ChatwootEvents;
import dev.switchboard.support.HttpTestClient;
import dev.switchboard.support.IntegrationTest;
import dev.switchboard.support.Json;
import dev.switchboard.web.Role;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class DraftReportsTest extends DraftTestSupport {

    private static final Map<String, Integer> GRADES = Map.of("tone", 4, "accuracy", 2, "policy", 5);

    @Test
    void the_export_has_a_row_per_decided_draft_with_what_the_trainers_need() {
        clock.set(Instant.parse("2026-07-20T10:00:00Z"));
        String agent = token(Role.AGENT);
        ChatwootEvents wroteAgain = conversationWithCustomerMessage(4401);
        UUID approved = proposedWith(4401, "k-4401", "Your refund was sent on Monday.", "refund", 0.9);
        clock.advance(Duration.ofMinutes(3));
        decide(approved, agent, Json.of("kind", "APPROVE"));
        clock.advance(Duration.ofHours(2));
        wroteAgain.customerWrote("Still nothing on my card.", clock.instant());
        projector.runOnce();

        conversationWithCustomerMessage(4402);
        UUID edited = proposedWith(4402, "k-4402", "Your refund was sent on Monday.", "refund", 0.6);
        decide(edited, agent, Json.of("kind", "EDIT", "text", "Your refund was sent on Tuesday.", "grades", GRADES));
        conversationWithCustomerMessage(4403);
        proposedWith(4403, "k-4403", "Still pending.", "refund", 0.5);

        clock.advance(Duration.ofHours(25));
        HttpTestClient.Response export = http.get("/api/drafts/export?since=2026-07-20T00:00:00Z", agent);

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("application/jsonl");
        List<JsonNode> rows = export.body().lines().map(Json::read).toList();
        assertThat(rows).as("decided drafts only, oldest decision first").hasSize(2);
        JsonNode first = rows.get(0);
        assertThat(first.path("draftId").asString()).isEqualTo(approved.toString());
        assertThat(first.path("decision").asString()).isEqualTo("approved");
        assertThat(first.path("intent").asString()).isEqualTo("refund");
        assertThat(first.path("confidence").asDouble()).isCloseTo(0.9, org.assertj.core.data.Offset.offset(0.001));
        assertThat(first.path("editDistance").asInt()).isZero();
        assertThat(first.path("secondsToDecision").asDouble()).isEqualTo(180.0);
        assertThat(first.path("customerWroteAgainWithin24h").asBoolean()).isTrue();
        JsonNode second = rows.get(1);
        assertThat(second.path("decision").asString()).isEqualTo("edited");
        assertThat(second.path("finalText").asString()).isEqualTo("Your refund was sent on Tuesday.");
        assertThat(second.path("editDistance").asInt()).isEqualTo(4);
        assertThat(second.path("grades").path("accuracy").asInt()).isEqualTo(2);
        assertThat(second.path("customerWroteAgainWithin24h").asBoolean(true)).isFalse();
    }

    @Test
    void whether_the_customer_wrote_again_is_unknown_until_a_day_has_passed() {
        String agent = token(Role.AGENT);
        conversationWithCustomerMessage(4404);
        UUID draft = proposed(4404, "k-4404", "Done.");
        decide(draft, agent, Json.of("kind", "APPROVE"));

        JsonNode row = Json.read(http.get("/api/drafts/export?since=" + clock.instant().minus(Duration.ofHours(1)), agent).body().strip());

        assertThat(row.path("customerWroteAgainWithin24h").isNull()).as(row.toString()).isTrue();
        assertThat(http.get("/api/drafts/export?format=csv", agent).status()).isEqualTo(400);
    }

    @Test
    void the_stats_count_decisions_per_intent_and_per_week() {
        clock.set(Instant.parse("2026-07-20T10:00:00Z"));
        String agent = token(Role.AGENT);
        for (int i = 0; i < 4; i++) {
            conversationWithCustomerMessage(4410 + i);
            UUID draft = proposedWith(4410 + i, "k-s-" + i, "Your refund was sent on Monday.", "refund", 0.9);
            clock.advance(Duration.ofMinutes(2));
            decide(draft, agent, i < 3 ? Json.of("kind", "APPROVE")
                    : Json.of("kind", "REJECT", "reason", "WRONG_FACTS", "grades", GRADES));
        }
        conversationWithCustomerMessage(4419);
        proposedWith(4419, "k-s-9", "Hello.", "greeting", 0.99);

        JsonNode stats = http.get("/api/drafts/stats?weeks=2", agent).json();

        JsonNode refund = stream(stats.path("byIntent")).filter(r -> r.path("intent").asString().equals("refund")).findFirst().orElseThrow();
        assertThat(refund.path("drafts").asInt()).isEqualTo(4);
        assertThat(refund.path("approved").asInt()).isEqualTo(3);
        assertThat(refund.path("rejected").asInt()).isEqualTo(1);
        assertThat(refund.path("meanSecondsToDecision").asDouble()).isEqualTo(120.0);
        assertThat(refund.path("meanAccuracy").asDouble()).isEqualTo(2.0);
        assertThat(stats.path("byWeek")).hasSize(1);
        assertThat(stats.path("byWeek").path(0).path("week").asString()).isEqualTo("2026-07-20");
        assertThat(stats.path("total").path("drafts").asInt()).isEqualTo(5);
        assertThat(stats.path("total").path("pending").asInt()).isEqualTo(1);
    }

    private UUID proposedWith(long conversation, String key, String text, String intent, double confidence) {
        HttpTestClient.Response response = proposeSigned(proposal(key, conversation, text, "intent", intent, "confidence", confidence));
        assertThat(response.status()).isEqualTo(201);
        return UUID.fromString(response.json().path("id").asString());
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }
}
