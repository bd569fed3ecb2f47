package dev.switchboard.draft;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import dev.switchboard.support.HttpTestClient;
import dev.switchboard.support.IntegrationTest;
import dev.switchboard.support.Json;
import dev.switchboard.web.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Autonomy per intent: earned from people's decisions (50 at 95 % by default), sampled while on, lost to bad reviews. */
@IntegrationTest
class DraftAutonomyTest extends DraftTestSupport {

    @Autowired
    DraftAutonomy autonomy;

    @AfterEach
    void randomSamplesAgain() {
        autonomy.random(() -> ThreadLocalRandom.current().nextDouble());
    }

    @Test
    void autonomy_is_refused_below_the_threshold_and_granted_once_earned_to_admins_only() {
        conversationWithCustomerMessage(4401);
        decidedByPeople(4401, "refund", 49, null);
        String admin = token(Role.ADMIN);

        HttpTestClient.Response tooFew = enable("refund", admin);
        decidedByPeople(4401, "refund", 1, null);
        HttpTestClient.Response byAgent = enable("refund", token(Role.AGENT));
        HttpTestClient.Response earned = enable("refund", admin);

        assertThat(tooFew.status()).isEqualTo(409);
        assertThat(tooFew.json().path("type").asString()).endsWith("autonomy-not-earned");
        assertThat(tooFew.json().path("detail").asString()).contains("49 of the last 49", "only 49 were judged");
        assertThat(byAgent.status()).isEqualTo(403);
        assertThat(earned.status()).isEqualTo(200);
        assertThat(earned.json().path("enabled").asBoolean()).isTrue();
        assertThat(earned.json().path("approved").asLong()).isEqualTo(50);
        assertThat(jdbc.sql("SELECT count(*) FROM draft_autonomy_history WHERE intent = 'refund' AND enabled").query(Long.class).single())
                .isOne();
    }

    @Test
    void three_edits_in_the_last_50_are_below_95_percent_and_refused() {
        conversationWithCustomerMessage(4405);
        decidedByPeople(4405, "billing", 47, null);
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(1));
            UUID edited = drafts.propose(proposal(4405, "billing", "b-edit-" + i, "Your invoice is attached.")).draft().id();
            drafts.decide(edited, new Decision(Decision.Kind.EDIT, "Your corrected invoice is attached.", null, null,
                    new Draft.Grades(4, 3, 4), false), "maria", DecidedVia.SWITCHBOARD);
        }

        HttpTestClient.Response refused = enable("billing", token(Role.ADMIN));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("detail").asString()).contains("47 of the last 50", "94.0 %");
        assertThat(autonomy.enabled("billing")).isFalse();
    }

    @Test
    void a_low_policy_grade_in_the_last_50_keeps_autonomy_out_of_reach_at_any_rate() {
        conversationWithCustomerMessage(4402);
        decidedByPeople(4402, "billing", 47, null);
        decidedByPeople(4402, "billing", 1, 2);
        UUID edited = drafts.propose(proposal(4402, "billing", "b-edited", "Your invoice is attached.")).draft().id();
        drafts.decide(edited, new Decision(Decision.Kind.EDIT, "Your invoice is attached now.", null, null,
                new Draft.Grades(4, 4, 4), false), "maria", DecidedVia.SWITCHBOARD);
        decidedByPeople(4402, "billing", 1, null);
        String admin = token(Role.ADMIN);

        HttpTestClient.Response lowPolicy = enable("billing", admin);
        drafts.decide(drafts.propose(proposal(4402, "billing", "b-more", "Thanks!")).draft().id(),
                new Decision(Decision.Kind.APPROVE, null, null, null, Draft.Grades.NONE, false), "maria", DecidedVia.SWITCHBOARD);
        HttpTestClient.Response stillLow = enable("billing", admin);

        assertThat(lowPolicy.status()).isEqualTo(409);
        assertThat(lowPolicy.json().path("detail").asString()).contains("a policy grade of 2");
        assertThat(stillLow.status()).as("the policy grade of 2 is still among the last 50").isEqualTo(409);
        assertThat(autonomy.standing("billing").approvalRate()).isEqualTo(49 / 50.0);
        assertThat(autonomy.enabled("billing")).isFalse();
    }

    @Test
    void an_intent_with_autonomy_sends_at_once_and_says_autonomy_sent_it_while_others_wait() {
        conversationWithCustomerMessage(4403);
        earnedAndEnabled(4403, "refund");
        autonomy.random(() -> 0.99);

        HttpTestClient.Response sent = proposeSigned(proposal("auto-1", 4403, "Your refund left us today.", "intent", "refund"));
        HttpTestClient.Response waits = proposeSigned(proposal("other-1", 4403, "Your parcel is on its way.", "intent", "shipping"));
        actionWorker.runOnce();

        assertThat(sent.status()).isEqualTo(201);
        assertThat(sent.json().path("status").asString()).isEqualTo("APPROVED");
        assertThat(sent.json().path("decidedVia").asString()).isEqualTo("AUTONOMY");
        assertThat(sent.json().path("review").isNull()).as("not sampled").isTrue();
        assertThat(waits.json().path("status").asString()).isEqualTo("PENDING");
        assertThat(CHATWOOT.conversation(4403).replies).contains("Your refund left us today.").doesNotContain("Your parcel is on its way.");
        JsonNode told = Json.read(jdbc.sql("SELECT convert_from(body, 'UTF8') FROM events WHERE event_type = 'draft.decided'"
                + " AND convert_from(body, 'UTF8') LIKE :id").param("id", "%" + sent.json().path("id").asString() + "%")
                .query(String.class).single());
        assertThat(told.path("sentOnSayOf").asString()).isEqualTo("autonomy");
    }

    @Test
    void a_bad_sampled_review_switches_autonomy_off_with_an_alert_and_drafts_wait_again() {
        conversationWithCustomerMessage(4404);
        earnedAndEnabled(4404, "refund");
        autonomy.random(() -> 0.0);
        UUID first = UUID.fromString(proposeSigned(proposal("s-1", 4404, "Refund sent.", "intent", "refund")).json().path("id").asString());
        clock.advance(Duration.ofSeconds(1));
        UUID second = UUID.fromString(proposeSigned(proposal("s-2", 4404, "Refunds take a year.", "intent", "refund")).json()
                .path("id").asString());
        String agent = token(Role.AGENT);

        HttpTestClient.Response waiting = http.get("/api/drafts/reviews", agent);
        HttpTestClient.Response good = http.postJson("/api/drafts/" + first + "/review", agent, Json.of("good", true));
        boolean stillOn = autonomy.enabled("refund");
        HttpTestClient.Response ungraded = http.postJson("/api/drafts/" + second + "/review", agent, Json.of("good", false));
        HttpTestClient.Response bad = http.postJson("/api/drafts/" + second + "/review", agent, Json.of("good", false,
                "grades", Map.of("tone", 4, "accuracy", 1, "policy", 2), "comment", "refunds take five days"));
        HttpTestClient.Response again = http.postJson("/api/drafts/" + second + "/review", agent, Json.of("good", true));
        HttpTestClient.Response afterwards = proposeSigned(proposal("s-3", 4404, "Refund sent again.", "intent", "refund"));

        assertThat(waiting.json().findValuesAsString("id")).containsExactly(first.toString(), second.toString());
        assertThat(good.status()).isEqualTo(200);
        assertThat(stillOn).as("one good review of one").isTrue();
        assertThat(ungraded.status()).isEqualTo(400);
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.json().path("review").asString()).isEqualTo("BAD");
        assertThat(jdbc.sql("SELECT convert_from(body, 'UTF8') FROM events WHERE event_type = 'draft.reviewed' AND"
                + " convert_from(body, 'UTF8') LIKE :id").param("id", "%" + second + "%").query(String.class).single())
                .as("the agent is told the review").contains("\"review\":\"BAD\"", "refunds take five days");
        assertThat(again.status()).as("a review is given once").isEqualTo(409);
        assertThat(autonomy.enabled("refund")).isFalse();
        assertThat(autonomy.standing("refund").state().changedBy()).isEqualTo("switchboard");
        assertThat(autonomy.standing("refund").state().reason()).contains("1 of 2 good");
        assertThat(afterwards.json().path("status").asString()).isEqualTo("PENDING");
        assertThat(enable("refund", token(Role.ADMIN)).json().path("detail").asString())
                .as("the bad review is in the track record now").contains("49 of the last 50", "a policy grade of 2");
        JsonNode health = http.get("/api/support/health", token(Role.VIEWER)).json();
        assertThat(health.path("rules")).filteredOn(r -> r.path("rule").asString().equals("draft-autonomy-revoked")).singleElement()
                .satisfies(r -> {
                    assertThat(r.path("firing").asBoolean()).isTrue();
                    assertThat(r.path("detail").asString()).contains("refund");
                });

        clock.advance(Duration.ofDays(1).plusMinutes(1));
        JsonNode dayLater = http.get("/api/support/health", token(Role.VIEWER)).json();
        assertThat(dayLater.path("rules")).filteredOn(r -> r.path("rule").asString().equals("draft-autonomy-revoked")).singleElement()
                .satisfies(r -> assertThat(r.path("firing").asBoolean()).isFalse());
    }

    private void earnedAndEnabled(long conversation, String intent) {
        decidedByPeople(conversation, intent, 50, null);
        autonomy.enable(intent, "admin");
        while (actionWorker.runOnce() > 0) {
            // the track record's replies go out first, so that what follows is only what autonomy sends
        }
    }

    /** {@code count} drafts of the intent approved as written by a person, with that policy grade (or none). */
    private void decidedByPeople(long conversation, String intent, int count, Integer policy) {
        for (int i = 0; i < count; i++) {
            clock.advance(Duration.ofSeconds(1));
            UUID id = drafts.propose(proposal(conversation, intent, intent + "-" + UUID.randomUUID(), "Answer " + i)).draft().id();
            drafts.decide(id, new Decision(Decision.Kind.APPROVE, null, null, null, new Draft.Grades(null, null, policy), false),
                    "maria", DecidedVia.SWITCHBOARD);
        }
    }

    private static Proposal proposal(long conversation, String intent, String key, String text) {
        return new Proposal(key, ACME, conversation, null, text, intent, 0.9, List.of(), null);
    }

    private HttpTestClient.Response enable(String intent, String token) {
        return http.putJson("/api/drafts/autonomy/" + intent, token, Json.of("enabled", true));
    }
}
