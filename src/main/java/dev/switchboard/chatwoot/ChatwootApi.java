package dev.switchboard.chatwoot;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chatwoot's application API, the calls Switchboard makes (NOTES.md §3 says how each behaves). Paths take
 * the conversation's display id. Authenticated with {@code api_access_token}: an administrator's or an
 * agent bot's token, because an agent's token makes Chatwoot assign the conversation to that agent
 * whenever a status change leaves it open. Only the action workers and the probe call this: never a
 * request path or the intake.
 */
class ChatwootApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int EXCERPT = 300;
    /** The content attribute that names the action which posted a message. */
    static final String MARKER = "switchboard_action";

    private final HttpClient http;
    private final String base;
    private final String token;
    private final Duration timeout;

    ChatwootApi(URI baseUrl, String token, Duration timeout) {
        this.base = baseUrl.toString().replaceAll("/+$", "");
        this.token = token == null ? "" : token.trim();
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    JsonNode conversation(long account, long conversation) throws CallFailed {
        return get(conversationPath(account, conversation));
    }

    JsonNode messages(long account, long conversation) throws CallFailed {
        return get(conversationPath(account, conversation) + "/messages");
    }

    /** The conversation's labels as Chatwoot has them now. */
    List<String> labels(long account, long conversation) throws CallFailed {
        List<String> labels = new ArrayList<>();
        get(conversationPath(account, conversation) + "/labels").path("payload").forEach(l -> labels.add(l.asString()));
        return labels;
    }

    /** Chatwoot's POST replaces the whole list: callers pass what they read plus what they add. */
    void replaceLabels(long account, long conversation, List<String> labels) throws CallFailed {
        post(conversationPath(account, conversation) + "/labels", Map.of("labels", labels));
    }

    /**
     * Posts a message marked with {@code marker} in its content attributes, which Chatwoot keeps with the message and
     * shows in its webhooks and message lists ({@link #findMarked}). Not {@code echo_id}: Chatwoot only passes that back
     * over its websocket, never keeps it, and its API document does not allow it here.
     *
     * @return Chatwoot's id for the message
     */
    long postMessage(long account, long conversation, String content, boolean privateNote, String marker) throws CallFailed {
        return post(conversationPath(account, conversation) + "/messages",
                Map.of("content", content, "message_type", "outgoing", "private", privateNote, "content_type", "text",
                        "content_attributes", Map.of(MARKER, marker))).path("id").asLong();
    }

    /** The id of the message among the conversation's latest (Chatwoot lists 20) that carries {@code marker}; -1 when none. */
    long findMarked(long account, long conversation, String marker) throws CallFailed {
        for (JsonNode message : messages(account, conversation).path("payload")) {
            if (marker.equals(message.path("content_attributes").path(MARKER).asString(null))) {
                return message.path("id").asLong();
            }
        }
        return -1;
    }

    void toggleStatus(long account, long conversation, String status) throws CallFailed {
        post(conversationPath(account, conversation) + "/toggle_status", Map.of("status", status));
    }

    void togglePriority(long account, long conversation, String priority) throws CallFailed {
        post(conversationPath(account, conversation) + "/toggle_priority", Map.of("priority", priority));
    }

    void assignAgent(long account, long conversation, long agentId) throws CallFailed {
        post(conversationPath(account, conversation) + "/assignments", Map.of("assignee_id", agentId));
    }

    /** A team alone: Chatwoot ignores {@code team_id} when {@code assignee_id} comes with it. */
    void assignTeam(long account, long conversation, long teamId) throws CallFailed {
        post(conversationPath(account, conversation) + "/assignments", Map.of("team_id", teamId));
    }

    /** The contact, whose {@code custom_attributes} say, for one, whether the customer is a VIP. */
    JsonNode contact(long account, long contact) throws CallFailed {
        return get("/api/v1/accounts/" + account + "/contacts/" + contact);
    }

    /** {@code GET /health} (no authentication, touches no database): is Chatwoot's web server up? */
    Reply health() throws CallFailed {
        return send(HttpRequest.newBuilder(URI.create(base + "/health")).GET(), false);
    }

    /** {@code GET /api}: are Chatwoot's database and queues fine? */
    Reply services() throws CallFailed {
        return send(HttpRequest.newBuilder(URI.create(base + "/api")).GET(), false);
    }

    private static String conversationPath(long account, long conversation) {
        return "/api/v1/accounts/" + account + "/conversations/" + conversation;
    }

    private JsonNode get(String path) throws CallFailed {
        Reply reply = send(HttpRequest.newBuilder(URI.create(base + path)).GET(), true);
        try {
            return reply.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(reply.body());
        } catch (RuntimeException e) {
            throw new CallFailed(reply.status(), "Chatwoot answered " + path + " with something other than JSON: " + excerpt(reply.body()));
        }
    }

    /** @return the answer's JSON; an empty object when it has none or is not JSON (the POST itself succeeded) */
    private JsonNode post(String path, Map<String, ?> body) throws CallFailed {
        Reply reply = send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), true);
        try {
            return reply.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(reply.body());
        } catch (RuntimeException e) {
            return JSON.createObjectNode();
        }
    }

    private Reply send(HttpRequest.Builder request, boolean authenticated) throws CallFailed {
        request.timeout(timeout).header("Accept", "application/json").header("User-Agent", "Switchboard/1 (+chatwoot actions)");
        if (authenticated) {
            request.header("api_access_token", token);
        }
        HttpRequest built = request.build();
        HttpResponse<String> response;
        try {
            response = http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new CallFailed(0, built.method() + " " + built.uri().getPath() + " timed out after " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw new CallFailed(0, built.method() + " " + built.uri().getPath() + " could not reach Chatwoot: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailed(0, "interrupted");
        }
        Reply reply = new Reply(response.statusCode(), response.body() == null ? "" : response.body());
        if (reply.status() / 100 != 2) {
            throw new CallFailed(reply.status(), built.method() + " " + built.uri().getPath() + " answered " + reply.status()
                    + ": " + excerpt(reply.body()));
        }
        return reply;
    }

    static String excerpt(String body) {
        String flat = body.replaceAll("\\s+", " ").strip();
        return flat.length() <= EXCERPT ? flat : flat.substring(0, EXCERPT) + "…";
    }

    record Reply(int status, String body) {
    }

    /**
     * A call that did not succeed. {@code status} is Chatwoot's HTTP status, or 0 when there was no answer
     * (no connection, a timeout).
     */
    static final class CallFailed extends Exception {
        private final int status;

        CallFailed(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        int status() {
            return status;
        }

        /** Chatwoot refused the call itself (bad request, unknown conversation, no permission): trying again will not help. */
        boolean refused() {
            return status >= 400 && status < 500 && status != 429 && status != 408;
        }

        boolean throttled() {
            return status == 429;
        }
    }
}
