package dev.switchboard.draft;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import dev.switchboard.support.ChatwootEvents;
import dev.switchboard.support.HttpTestClient;
import dev.switchboard.support.IntegrationTest;
import dev.switchboard.support.Json;
import dev.switchboard.web.Role;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class DraftDecisionTest extends DraftTestSupport {

    @Test
    void an_approved_draft_is_sent_once_as_a_public_reply_and_says_who_approved_it() {
        conversationWithCustomerMessage(4201);
        UUID draft = proposed(4201, "k-4201", "Your refund was sent on Monday.");

        HttpTestClient.Response approved = decide(draft, token(Role.AGENT), Json.of("kind", "APPROVE"));
        actionWorker.runOnce();
        actionWorker.runOnce();

        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.json().path("status").asString()).isEqualTo("APPROVED");
        assertThat(approved.json().path("decidedBy").asString()).startsWith("token:agent-");
        assertThat(approved.json().path("finalBody").asString()).isEqualTo("Your refund was sent on Monday.");
        assertThat(CHATWOOT.conversation(4201).replies).containsExactly("Your refund was sent on Monday.");
        assertThat(CHATWOOT.conversation(4201).messages).filteredOn(m -> Boolean.FALSE.equals(m.get("private")))
                .singleElement().satisfies(m -> assertThat(m.get("content_attributes").toString()).contains("switchboard_action"));
    }

    @Test
    void an_edit_needs_grades_and_sends_the_edited_text_with_its_distance() {
        conversationWithCustomerMessage(4202);
        UUID draft = proposed(4202, "k-4202", "Your refund was sent on Monday.");
        String agent = token(Role.AGENT);

        HttpTestClient.Response ungraded = decide(draft, agent, Json.of("kind", "EDIT", "text", "Your refund left us on Tuesday."));
        HttpTestClient.Response edited = decide(draft, agent, Json.of("kind", "EDIT", "text", "Your refund left us on Tuesday.",
                "grades", java.util.Map.of("tone", 4, "accuracy", 2, "policy", 5), "comment", "wrong day"));
        actionWorker.runOnce();

        assertThat(ungraded.status()).isEqualTo(400);
        assertThat(ungraded.body()).contains("grades");
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.json().path("status").asString()).isEqualTo("EDITED");
        assertThat(edited.json().path("editDistance").asInt()).isPositive();
        assertThat(edited.json().path("grades").path("accuracy").asInt()).isEqualTo(2);
        assertThat(CHATWOOT.conversation(4202).replies).containsExactly("Your refund left us on Tuesday.");
    }

    @Test
    void a_rejected_draft_is_never_sent_and_needs_a_reason() {
        conversationWithCustomerMessage(4203);
        UUID draft = proposed(4203, "k-4203", "We do not do refunds.");
        String agent = token(Role.AGENT);
        var grades = java.util.Map.of("tone", 2, "accuracy", 1, "policy", 1);

        HttpTestClient.Response noReason = decide(draft, agent, Json.of("kind", "REJECT", "grades", grades));
        HttpTestClient.Response rejected = decide(draft, agent, Json.of("kind", "REJECT", "reason", "POLICY", "grades", grades));
        actionWorker.runOnce();

        assertThat(noReason.status()).isEqualTo(400);
        assertThat(rejected.status()).isEqualTo(200);
        assertThat(rejected.json().path("status").asString()).isEqualTo("REJECTED");
        assertThat(rejected.json().path("reason").asString()).isEqualTo("POLICY");
        assertThat(replyActions()).isZero();
        assertThat(CHATWOOT.conversation(4203).replies).isEmpty();
    }

    @Test
    void two_people_approving_at_once_send_one_reply_and_the_second_is_told() throws Exception {
        conversationWithCustomerMessage(4204);
        UUID draft = proposed(4204, "k-4204", "Your refund was sent on Monday.");
        List<String> people = List.of(token(Role.AGENT), token(Role.AGENT));
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<HttpTestClient.Response>> decisions = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(2)) {
            for (String person : people) {
                decisions.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return decide(draft, person, Json.of("kind", "APPROVE"));
                }, pool));
            }
            start.countDown();
        }
        List<Integer> statuses = decisions.stream().map(f -> f.join().status()).sorted().toList();
        actionWorker.runOnce();

        assertThat(statuses).containsExactly(200, 409);
        HttpTestClient.Response loser = decisions.stream().map(CompletableFuture::join).filter(r -> r.status() == 409).findFirst().orElseThrow();
        assertThat(loser.contentType()).startsWith("application/problem+json");
        assertThat(loser.json().path("detail").asString()).contains("already approved by token:agent-");
        assertThat(replyActions()).isEqualTo(1);
        assertThat(CHATWOOT.conversation(4204).replies).hasSize(1);
    }

    @Test
    void a_reply_whose_answer_timed_out_after_chatwoot_stored_it_is_not_posted_again() {
        conversationWithCustomerMessage(4205);
        UUID draft = proposed(4205, "k-4205", "Your refund was sent on Monday.");
        jdbc.sql("DELETE FROM chatwoot_actions").update();
        decide(draft, token(Role.AGENT), Json.of("kind", "APPROVE"));
        CHATWOOT.storeNextMessageThenStall();

        actionWorker.runOnce();
        JsonNode afterTimeout = http.get("/api/chatwoot/actions?kind=REPLY", token(Role.VIEWER)).json();
        CHATWOOT.release();
        clock.advance(Duration.ofMinutes(1));
        actionWorker.runOnce();

        assertThat(afterTimeout.toString()).contains("timed out");
        assertThat(CHATWOOT.conversation(4205).replies).as("posted once, though the first call timed out").hasSize(1);
        var action = jdbc.sql("SELECT status, result, attempts FROM chatwoot_actions WHERE kind = 'REPLY'").query().singleRow();
        assertThat(action.get("status")).isEqualTo("DONE");
        assertThat(action.get("attempts")).isEqualTo(2);
        assertThat((String) action.get("result")).contains("already in Chatwoot");
    }

    @Test
    void a_newer_customer_message_makes_the_draft_stale_and_sending_it_needs_a_second_look() {
        ChatwootEvents conversation = conversationWithCustomerMessage(4206);
        String answered = Long.toString(conversation.lastMessageId());
        HttpTestClient.Response proposed = proposeSigned(proposal("k-4206", 4206, "Your refund was sent on Monday.", "inReplyTo", answered));
        UUID draft = UUID.fromString(proposed.json().path("id").asString());
        String agent = token(Role.AGENT);

        clock.advance(Duration.ofSeconds(30));
        conversation.customerWrote("Actually, I want to cancel the order instead.", clock.instant());
        projector.runOnce();
        HttpTestClient.Response unconfirmed = decide(draft, agent, Json.of("kind", "APPROVE"));
        HttpTestClient.Response confirmed = decide(draft, agent, Json.of("kind", "APPROVE", "confirmStale", true));

        assertThat(drafts.find(draft).staleAt()).isNotNull();
        assertThat(unconfirmed.status()).isEqualTo(409);
        assertThat(unconfirmed.json().path("type").asString()).endsWith("draft-stale");
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.json().path("staleAt").isString()).isTrue();
    }

    @Test
    void a_draft_answering_the_newest_message_is_not_stale() {
        ChatwootEvents conversation = conversationWithCustomerMessage(4207);
        clock.advance(Duration.ofSeconds(5));
        conversation.customerWrote("One more thing: it was order 1183.", clock.instant());
        HttpTestClient.Response proposed = proposeSigned(proposal("k-4207", 4207, "Both orders are refunded.",
                "inReplyTo", Long.toString(conversation.lastMessageId())));
        projector.runOnce();

        assertThat(drafts.find(UUID.fromString(proposed.json().path("id").asString())).staleAt())
                .as("the model saw the message it answers only after the draft came").isNull();
    }

    @Test
    void a_decision_is_told_to_the_agent_as_a_draft_decided_event_with_the_diff() {
        conversationWithCustomerMessage(4208);
        UUID draft = proposed(4208, "k-4208", "Hello,\nyour refund was sent on Monday.\nRegards");

        decide(draft, token(Role.AGENT), Json.of("kind", "EDIT", "text", "Hello,\nyour refund was sent on Tuesday.\nRegards",
                "grades", java.util.Map.of("tone", 5, "accuracy", 3, "policy", 5)));

        var event = jdbc.sql("SELECT signature, convert_from(body, 'UTF8') AS body FROM events WHERE event_type = 'draft.decided'")
                .query().singleRow();
        JsonNode body = Json.read((String) event.get("body"));
        assertThat(event.get("signature")).isEqualTo("internal");
        assertThat(body.path("draftId").asString()).isEqualTo(draft.toString());
        assertThat(body.path("decision").asString()).isEqualTo("edited");
        assertThat(body.path("finalText").asString()).contains("Tuesday");
        assertThat(body.path("diff").asString()).contains("-your refund was sent on Monday.").contains("+your refund was sent on Tuesday.");
        assertThat(body.path("grades").path("accuracy").asInt()).isEqualTo(3);
        assertThat(body.path("sentOnSayOf").asString()).isEqualTo("person");
    }
}
