package dev.switchboard.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import dev.switchboard.chatwoot.ChatwootActions;
import dev.switchboard.conversation.Conversations;
import dev.switchboard.database.PollingWorker;
import dev.switchboard.support.Fixtures;
import dev.switchboard.support.IntegrationTest;
import dev.switchboard.support.Rows;
import dev.switchboard.support.WithFakeChatwoot;
import dev.switchboard.web.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * Triage as it runs: a customer message reaches the model, is classified in the same transaction, and the
 * Chatwoot actions that follow are carried out against the fake Chatwoot. The projector and the action
 * worker are driven a round at a time.
 */
@IntegrationTest
class TriageTest extends WithFakeChatwoot {

    private static final long ACME = 7003;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    Conversations conversations;
    @Autowired
    ChatwootActions actions;
    @Autowired
    List<PollingWorker> workers;

    private PollingWorker projector;
    private PollingWorker worker;
    private PollingWorker clocks;

    @BeforeEach
    void stepByStep() {
        projector = worker("ConversationProjector");
        worker = worker("ActionWorker");
        clocks = worker("PendingClocks");
        projector.stop();
        worker.stop();
        clocks.stop();
        jdbc.sql("TRUNCATE events, conversations, conversation_messages, triage_results, triage_rule_versions, chatwoot_actions CASCADE")
                .update();
    }

    @AfterEach
    void runningAgain() {
        projector.start();
        worker.start();
        clocks.start();
    }

    @Test
    void an_angry_refund_request_is_classified_escalated_and_labelled_noted_and_raised_in_chatwoot() {
        CHATWOOT.conversation(8342).labels("added-by-hand");
        customerWrites(8342, 1, "This is the third time I ask for my refund. Where is my money??? Unacceptable, useless service.");

        Conversations.Summary c = conversations.find(ACME, 8342);
        assertThat(c.intent()).isEqualTo("refund");
        assertThat(c.escalated()).isTrue();
        List<ChatwootActions.ActionView> queued = actions.forConversation(ACME, 8342, 10);
        assertThat(queued).extracting(ChatwootActions.ActionView::kind).containsExactlyInAnyOrder("ADD_LABELS", "RAISE_PRIORITY", "NOTE");
        assertThat(queued).allSatisfy(a -> assertThat(a.origin()).isEqualTo("triage"));
        assertThat(queued).filteredOn(a -> a.kind().equals("ADD_LABELS")).singleElement()
                .satisfies(a -> assertThat(a.reason()).contains("intent refund").contains("keyword \"refund\""));

        runActions();

        assertThat(CHATWOOT.conversation(8342).labels).containsExactly("added-by-hand", "intent-refund", "escalated");
        assertThat(CHATWOOT.conversation(8342).priority).isEqualTo("high");
        assertThat(CHATWOOT.conversation(8342).notes).singleElement().satisfies(note -> assertThat(note)
                .contains("angry").contains("repeat-contact").contains("\"third time\""));
    }

    @Test
    void a_second_message_with_nothing_new_adds_no_label_note_or_priority() {
        CHATWOOT.conversation(8342);
        customerWrites(8342, 1, "I want a refund, this is unacceptable and useless!!!");
        int first = actions.forConversation(ACME, 8342, 10).size();

        customerWrites(8342, 2, "Refund please, useless and unacceptable!!!");
        assertThat(actions.forConversation(ACME, 8342, 10)).as("nothing new").hasSize(first);

        customerWrites(8342, 3, "Also I want to speak to a manager.");
        assertThat(actions.forConversation(ACME, 8342, 10)).as("a new reason: a note, no second priority")
                .extracting(ChatwootActions.ActionView::kind).containsExactlyInAnyOrder("ADD_LABELS", "RAISE_PRIORITY", "NOTE", "NOTE");
    }

    @Test
    void a_calm_question_is_classified_and_labelled_but_not_escalated() {
        CHATWOOT.conversation(8342);
        customerWrites(8342, 1, "Hi, where is my order? I ordered on Monday.");
        runActions();

        assertThat(conversations.find(ACME, 8342).intent()).isEqualTo("order-status");
        assertThat(conversations.find(ACME, 8342).escalated()).isFalse();
        assertThat(CHATWOOT.conversation(8342).labels).containsExactly("intent-order-status");
        assertThat(CHATWOOT.conversation(8342).notes).isEmpty();
        assertThat(CHATWOOT.conversation(8342).priority).isNull();
    }

    @Test
    void the_conversation_page_shows_the_findings_with_their_evidence() {
        customerWrites(8342, 1, "Can I speak to a manager about my refund?");

        var detail = http.get("/api/conversations/7003/8342", token(Role.AGENT)).json();
        assertThat(detail.path("findings").toString()).contains("refund").contains("human-requested").contains("asks for \\\"speak to a manager\\\"");
    }

    @Test
    void admins_save_rules_as_new_versions_with_an_audit_and_others_may_not() {
        String admin = token(Role.ADMIN);
        var loaded = http.get("/api/triage/rules", token(Role.VIEWER)).json();
        assertThat(loaded.path("version").asInt()).isZero();
        String rules = loaded.path("rules").toString().replace("\"minimumScore\":1.0", "\"minimumScore\":2.0");

        assertThat(http.putJson("/api/triage/rules?basedOn=0", token(Role.AGENT), rules).status()).isEqualTo(403);
        var saved = http.putJson("/api/triage/rules?basedOn=0", admin, rules);
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.json().path("version").asInt()).isEqualTo(1);

        var stale = http.putJson("/api/triage/rules?basedOn=0", admin, rules);
        assertThat(stale.status()).as("saved over a version not seen").isEqualTo(409);
        var history = http.get("/api/triage/rules/history", admin).json();
        assertThat(history).hasSize(1);
        assertThat(history.get(0).path("summary").asString()).isEqualTo("minimumScore 1.0 → 2.0");
        assertThat(history.get(0).path("changedBy").asString()).startsWith("token:admin-");
    }

    @Test
    void invalid_rules_are_refused_with_the_fields_and_nothing_is_saved() {
        String admin = token(Role.ADMIN);
        String rules = http.get("/api/triage/rules", admin).json().path("rules").toString()
                .replaceFirst("\"regex\":\"[^\"]*\"", "\"regex\":\"(unclosed\"");

        var refused = http.putJson("/api/triage/rules?basedOn=0", admin, rules);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body()).contains("patterns[0].regex").contains("not a regular expression");
        assertThat(http.get("/api/triage/rules", admin).json().path("version").asInt()).isZero();
        assertThat(http.putJson("/api/triage/rules?basedOn=0", admin, "{not json").status()).isEqualTo(400);
    }

    @Test
    void trying_a_sample_shows_the_evidence_and_stores_nothing() {
        customerWrites(8342, 1, "where is my order");
        long stored = jdbc.sql("SELECT count(*) FROM triage_results").query(Long.class).single();
        assertThat(stored).as("a real message is stored").isEqualTo(1);

        var tried = http.postJson("/api/triage/try", token(Role.ADMIN), "{\"text\":\"I want to talk to a real person about my refund!!!\"}");
        assertThat(tried.status()).isEqualTo(200);
        assertThat(tried.json().path("intent").asString()).isEqualTo("refund");
        assertThat(tried.json().path("escalations").toString()).contains("human-requested");
        assertThat(jdbc.sql("SELECT count(*) FROM triage_results").query(Long.class).single()).isEqualTo(stored);
        assertThat(actions.forConversation(ACME, 8342, 10)).hasSize(1);
    }

    /** The customer's message as Chatwoot sends it (the project's fixture 01 with this text and id), applied to the model. */
    private void customerWrites(long conversation, long n, String text) {
        var root = (tools.jackson.databind.node.ObjectNode) JSON.readTree(Fixtures.project().named("01").body());
        root.put("id", 97311 + n).put("content", text);
        var c = (tools.jackson.databind.node.ObjectNode) root.get("conversation");
        c.put("id", conversation).put("updated_at", 1781946845.0 + n).putArray("messages");
        clock.advance(Duration.ofSeconds(1));
        Rows.anEvent().ofType("message_created").withBody(JSON.writeValueAsString(root)).inConversation(ACME, conversation)
                .receivedAt(clock.instant()).insert(jdbc);
        projector.runOnce();
    }

    private void runActions() {
        worker.runOnce();
    }

    private PollingWorker worker(String simpleName) {
        return workers.stream().filter(l -> l.getClass().getSimpleName().equals(simpleName)).findFirst().orElseThrow();
    }
}
