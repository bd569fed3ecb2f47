package dev.switchboard.chatwoot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;

import dev.switchboard.support.FakeChatwoot;
import dev.switchboard.support.IntegrationTest;
import dev.switchboard.support.WithFakeChatwoot;
import dev.switchboard.web.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Actions are written in the caller's transaction and carried out by the worker, one round at a time here
 * ({@code runOnce}), against the fake Chatwoot.
 */
@IntegrationTest
class ChatwootActionsTest extends WithFakeChatwoot {

    @Autowired
    ChatwootActions actions;
    @Autowired
    ActionWorker worker;

    @BeforeEach
    void stepByStep() {
        worker.stop();
        jdbc.sql("TRUNCATE chatwoot_actions").update();
    }

    @AfterEach
    void workerRunsAgain() {
        worker.start();
    }

    @Test
    void labels_are_merged_into_chatwoots_and_a_label_a_person_added_stays() {
        CHATWOOT.conversation(1342).labels("billing", "added-by-hand");

        UUID id = enqueue(1342, new ChatwootAction.AddLabels(java.util.List.of("intent-refund", "Escalated")));
        worker.runOnce();

        assertThat(CHATWOOT.conversation(1342).labels).containsExactly("billing", "added-by-hand", "intent-refund", "escalated");
        ChatwootActions.ActionView done = actions.find(id);
        assertThat(done.status()).isEqualTo(ChatwootActions.ActionStatus.DONE);
        assertThat(done.result()).isEqualTo("added intent-refund, escalated");
    }

    @Test
    void labels_already_there_are_not_written_again() {
        CHATWOOT.conversation(1343).labels("vip", "escalated");

        UUID id = enqueue(1343, new ChatwootAction.AddLabels(java.util.List.of("escalated")));
        worker.runOnce();

        assertThat(actions.find(id).result()).isEqualTo("labels already there");
        assertThat(CHATWOOT.calls()).extracting(FakeChatwoot.Call::method).containsExactly("GET");
    }

    @Test
    void priority_is_raised_and_never_lowered() {
        CHATWOOT.conversation(1344).priority("urgent");
        CHATWOOT.conversation(1345).priority("low");

        UUID kept = enqueue(1344, new ChatwootAction.RaisePriority(ChatwootPriority.HIGH));
        UUID raised = enqueue(1345, new ChatwootAction.RaisePriority(ChatwootPriority.HIGH));
        worker.runOnce();

        assertThat(CHATWOOT.conversation(1344).priority).isEqualTo("urgent");
        assertThat(actions.find(kept).result()).isEqualTo("priority already urgent");
        assertThat(CHATWOOT.conversation(1345).priority).isEqualTo("high");
        assertThat(actions.find(raised).result()).isEqualTo("priority low → high");
    }

    @Test
    void a_note_is_private_and_a_reply_is_public() {
        CHATWOOT.conversation(1346);

        enqueue(1346, new ChatwootAction.PostNote("Escalated: the customer asks for a manager"));
        enqueue(1346, new ChatwootAction.PostReply("Hello Maria"));
        worker.runOnce();

        assertThat(CHATWOOT.conversation(1346).notes).containsExactly("Escalated: the customer asks for a manager");
        assertThat(CHATWOOT.conversation(1346).replies).containsExactly("Hello Maria");
    }

    @Test
    void status_and_assignment_to_a_team_and_an_agent_reach_chatwoot() {
        CHATWOOT.conversation(1347);

        enqueue(1347, new ChatwootAction.Assign(12L, 2L));
        enqueue(1347, new ChatwootAction.ChangeStatus("pending"));
        worker.runOnce();

        assertThat(CHATWOOT.conversation(1347).teamId).isEqualTo(2L);
        assertThat(CHATWOOT.conversation(1347).assigneeId).isEqualTo(12L);
        assertThat(CHATWOOT.conversation(1347).status).isEqualTo("pending");
    }

    @Test
    void chatwoots_refusal_makes_the_action_dead_with_the_reason_and_a_replay_carries_it_out() {
        UUID id = enqueue(9999, new ChatwootAction.PostNote("hello"));
        worker.runOnce();

        ChatwootActions.ActionView dead = actions.find(id);
        assertThat(dead.status()).isEqualTo(ChatwootActions.ActionStatus.DEAD);
        assertThat(dead.lastStatus()).isEqualTo(404);
        assertThat(dead.lastError()).contains("404").contains("Resource could not be found");
        assertThat(dead.attempts()).isEqualTo(1);

        CHATWOOT.conversation(9999);
        assertThat(actions.replay(id).status()).isEqualTo(ChatwootActions.ActionStatus.PENDING);
        worker.runOnce();

        assertThat(actions.find(id).status()).isEqualTo(ChatwootActions.ActionStatus.DONE);
        assertThat(CHATWOOT.conversation(9999).notes).containsExactly("hello");
    }

    @Test
    void a_429_holds_every_call_back_and_the_action_is_carried_out_after_the_backoff() {
        CHATWOOT.conversation(1348);
        CHATWOOT.failNext(429);

        UUID first = enqueue(1348, new ChatwootAction.PostNote("one"));
        worker.runOnce();

        ChatwootActions.ActionView waiting = actions.find(first);
        assertThat(waiting.status()).isEqualTo(ChatwootActions.ActionStatus.PENDING);
        assertThat(waiting.lastStatus()).isEqualTo(429);
        assertThat(waiting.nextAttemptAt()).isAfter(clock.instant());
        assertThat(worker.throttledFor()).isPositive();

        UUID second = enqueue(1348, new ChatwootAction.PostNote("two"));
        assertThat(worker.runOnce()).as("nothing is claimed while throttled").isZero();
        assertThat(actions.find(second).attempts()).isZero();

        clock.advance(Duration.ofMinutes(5));
        worker.runOnce();

        assertThat(actions.find(first).status()).isEqualTo(ChatwootActions.ActionStatus.DONE);
        assertThat(actions.find(second).status()).isEqualTo(ChatwootActions.ActionStatus.DONE);
        assertThat(CHATWOOT.conversation(1348).notes).containsExactlyInAnyOrder("one", "two");
    }

    @Test
    void a_server_error_is_retried_and_the_action_is_dead_when_its_attempts_run_out() {
        CHATWOOT.conversation(1349);
        CHATWOOT.failNext(500, 503, 502);

        UUID id = enqueue(1349, new ChatwootAction.PostNote("three tries"));
        for (int attempt = 1; attempt <= 3; attempt++) {
            worker.runOnce();
            clock.advance(Duration.ofHours(1));
        }

        ChatwootActions.ActionView dead = actions.find(id);
        assertThat(dead.status()).isEqualTo(ChatwootActions.ActionStatus.DEAD);
        assertThat(dead.attempts()).isEqualTo(3);
        assertThat(dead.lastError()).startsWith("gave up after 3 attempts").contains("502");
        assertThat(CHATWOOT.conversation(1349).notes).isEmpty();
    }

    @Test
    void an_action_enqueued_in_a_transaction_that_rolls_back_is_never_carried_out() {
        CHATWOOT.conversation(1350);

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            actions.enqueue(ACCOUNT, 1350, new ChatwootAction.PostNote("rolled back"), "test", "test", null);
            throw new IllegalStateException("the deciding transaction fails");
        })).isInstanceOf(IllegalStateException.class);
        transactions.executeWithoutResult(status ->
                actions.enqueue(ACCOUNT, 1350, new ChatwootAction.PostNote("committed"), "test", "test", null));
        worker.runOnce();

        assertThat(CHATWOOT.conversation(1350).notes).containsExactly("committed");
    }

    @Test
    void the_same_idempotency_key_enqueues_one_action() {
        CHATWOOT.conversation(1351);

        assertThat(actions.enqueue(ACCOUNT, 1351, new ChatwootAction.PostNote("once"), "test", "test", "note:1351")).isPresent();
        assertThat(actions.enqueue(ACCOUNT, 1351, new ChatwootAction.PostNote("once"), "test", "test", "note:1351")).isEmpty();
        worker.runOnce();

        assertThat(CHATWOOT.conversation(1351).notes).containsExactly("once");
    }

    @Test
    void dead_actions_are_listed_for_viewers_and_replayed_by_agents_only() {
        UUID id = enqueue(8888, new ChatwootAction.PostNote("to nowhere"));
        worker.runOnce();
        String viewer = token(Role.VIEWER);
        String agent = token(Role.AGENT);

        var list = http.get("/api/chatwoot/actions?status=DEAD", viewer);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("items").get(0).path("id").asString()).isEqualTo(id.toString());
        assertThat(list.json().path("items").get(0).path("lastStatus").asInt()).isEqualTo(404);

        assertThat(http.postJson("/api/chatwoot/actions/" + id + "/replay", viewer, "").status()).isEqualTo(403);
        assertThat(actions.find(id).status()).isEqualTo(ChatwootActions.ActionStatus.DEAD);

        var replayed = http.postJson("/api/chatwoot/actions/" + id + "/replay", agent, "");
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.json().path("status").asString()).isEqualTo("PENDING");
    }

    @Test
    void an_unknown_action_is_a_404_and_a_bad_kind_a_400_problem() {
        String viewer = token(Role.VIEWER);

        var missing = http.get("/api/chatwoot/actions/" + UUID.randomUUID(), viewer);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        var bad = http.get("/api/chatwoot/actions?kind=DELETE_EVERYTHING", viewer);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(http.get("/api/chatwoot/actions?kind=NOTE", viewer).status()).as("a known kind").isEqualTo(200);
    }

    private UUID enqueue(long conversation, ChatwootAction action) {
        return transactions.execute(status -> actions.enqueue(ACCOUNT, conversation, action, "test", "test", null)).orElseThrow();
    }
}
