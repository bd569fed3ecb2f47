package dev.switchboard.draft;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.switchboard.database.PollingWorker;
import dev.switchboard.delivery.StandardWebhooks;
import dev.switchboard.support.ChatwootEvents;
import dev.switchboard.support.HttpTestClient;
import dev.switchboard.support.Json;
import dev.switchboard.support.Truncate;
import dev.switchboard.support.WithFakeChatwoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Drafts against the fake Chatwoot, a step at a time: the conversation model and the action worker run only when a
 * test says so ({@code runOnce}).
 */
abstract class DraftTestSupport extends WithFakeChatwoot {

    static final long ACME = ACCOUNT;

    @Autowired
    List<PollingWorker> workers;
    @Autowired
    Drafts drafts;

    PollingWorker projector;
    PollingWorker actionWorker;
    PollingWorker clocks;

    @BeforeEach
    void stepByStep() {
        projector = worker("ConversationProjector");
        actionWorker = worker("ActionWorker");
        clocks = worker("PendingClocks");
        projector.stop();
        actionWorker.stop();
        clocks.stop();
        Truncate.tables(jdbc, "events, conversations, conversation_messages, chatwoot_actions, drafts, draft_autonomy, draft_autonomy_history");
    }

    @AfterEach
    void runningAgain() {
        CHATWOOT.release();
        projector.start();
        actionWorker.start();
        clocks.start();
    }

    PollingWorker worker(String simpleName) {
        return workers.stream().filter(w -> w.getClass().getSimpleName().equals(simpleName)).findFirst().orElseThrow();
    }

    /** A conversation in the model, with the customer's first message. */
    ChatwootEvents conversationWithCustomerMessage(long conversation) {
        CHATWOOT.conversation(conversation);
        ChatwootEvents events = ChatwootEvents.aConversation(jdbc, ACME, conversation, clock.instant())
                .customerWrote("Where is my refund for order 1182?", clock.instant());
        projector.runOnce();
        return events;
    }

    static String proposal(String key, long conversation, String text, Object... more) {
        Object[] fields = new Object[8 + more.length];
        fields[0] = "idempotencyKey";
        fields[1] = key;
        fields[2] = "accountId";
        fields[3] = ACME;
        fields[4] = "conversationId";
        fields[5] = conversation;
        fields[6] = "text";
        fields[7] = text;
        System.arraycopy(more, 0, fields, 8, more.length);
        return Json.of(fields);
    }

    HttpTestClient.Response proposeSigned(String json) {
        return http.send(signed(json, clock.instant(), AGENT_DRAFT_SECRET));
    }

    HttpRequest.Builder signed(String json, Instant at, String secret) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String id = "msg_" + UUID.randomUUID();
        return HttpRequest.newBuilder(URI.create(http.base() + "/api/agent/drafts"))
                .header("Content-Type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(at.getEpochSecond()))
                .header("webhook-signature", StandardWebhooks.signature(List.of(StandardWebhooks.key(secret)), id, at.getEpochSecond(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    UUID proposed(long conversation, String key, String text) {
        HttpTestClient.Response response = proposeSigned(proposal(key, conversation, text));
        if (response.status() != 201) {
            throw new AssertionError("the draft was not stored: " + response.status() + " " + response.body());
        }
        return UUID.fromString(response.json().path("id").asString());
    }

    HttpTestClient.Response decide(UUID draft, String token, String json) {
        return http.postJson("/api/drafts/" + draft + "/decision", token, json);
    }

    long replyActions() {
        return jdbc.sql("SELECT count(*) FROM chatwoot_actions WHERE kind = 'REPLY'").query(Long.class).single();
    }
}
