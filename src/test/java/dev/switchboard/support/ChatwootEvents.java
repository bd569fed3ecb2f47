package dev.switchboard.support;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Chatwoot webhooks of one conversation, in the shapes Chatwoot sends them (see the fixtures), at the times a test
 * chooses, stored as the intake stores them: {@code customerWrote(at)}, {@code agentReplied(at)}, {@code status("snoozed", at)}.
 */
public final class ChatwootEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final long account;
    private final long conversation;
    private final Instant createdAt;
    private String status = "open";
    private String priority;
    private List<String> labels = List.of();
    private long inbox = 1;
    private Instant updatedAt;
    private long messages;

    private ChatwootEvents(JdbcClient jdbc, long account, long conversation, Instant createdAt) {
        this.jdbc = jdbc;
        this.account = account;
        this.conversation = conversation;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        this.messages = conversation * 1000;
    }

    /** A conversation created at that instant; {@code conversation_created} is stored. */
    public static ChatwootEvents aConversation(JdbcClient jdbc, long account, long conversation, Instant createdAt) {
        ChatwootEvents events = new ChatwootEvents(jdbc, account, conversation, createdAt);
        events.store("conversation_created", events.state(), createdAt);
        return events;
    }

    public ChatwootEvents withPriority(String priority) {
        this.priority = priority;
        return this;
    }

    public ChatwootEvents inInbox(long inbox) {
        this.inbox = inbox;
        return this;
    }

    public ChatwootEvents labelled(String... labels) {
        this.labels = List.of(labels);
        return this;
    }

    public ChatwootEvents customerWrote(Instant at) {
        return message("incoming", "contact", false, at);
    }

    public ChatwootEvents agentReplied(Instant at) {
        return message("outgoing", "user", false, at);
    }

    public ChatwootEvents botReplied(Instant at) {
        return message("outgoing", "agent_bot", false, at);
    }

    public ChatwootEvents noteAdded(Instant at) {
        return message("outgoing", "user", true, at);
    }

    /** The customer's message with that text. */
    public ChatwootEvents customerWrote(String content, Instant at) {
        return message("incoming", "contact", 0, "Ana Costa", false, content, null, at);
    }

    /** A private note by that sender ({@code user} or {@code agent_bot}, with its Chatwoot id and name). */
    public ChatwootEvents noteBy(String senderType, long senderId, String name, String content, Instant at) {
        return message("outgoing", senderType, senderId, name, true, content, null, at);
    }

    /** A public reply posted through the API by Switchboard's action {@code marker} (as the agent bot's token). */
    public ChatwootEvents replyMarked(String marker, String content, Instant at) {
        return message("outgoing", "agent_bot", 5, "Switchboard", false, content, marker, at);
    }

    /** The id of the last message stored. */
    public long lastMessageId() {
        return messages;
    }

    /** {@code conversation_status_changed} to that status ({@code snoozed}, {@code open}, {@code resolved}) at that instant. */
    public ChatwootEvents status(String status, Instant at) {
        this.status = status.toLowerCase(Locale.ROOT);
        this.updatedAt = at;
        store("conversation_status_changed", state(), at);
        return this;
    }

    /** {@code conversation_updated} with the priority and labels as they are now. */
    public ChatwootEvents updated(Instant at) {
        this.updatedAt = at;
        store("conversation_updated", state(), at);
        return this;
    }

    private ChatwootEvents message(String type, String sender, boolean isPrivate, Instant at) {
        return message(type, sender, sender.equals("contact") ? 0 : 12, sender.equals("contact") ? "Ana Costa" : "Priya Sharma",
                isPrivate, type.equals("incoming") ? "Where is my order?" : "Looking into it.", null, at);
    }

    private ChatwootEvents message(String type, String sender, long senderId, String name, boolean isPrivate, String content,
                                   String marker, Instant at) {
        ObjectNode body = JSON.createObjectNode();
        body.put("event", "message_created");
        body.put("id", ++messages);
        body.putObject("account").put("id", account);
        body.put("message_type", type);
        body.put("private", isPrivate);
        body.put("content", content);
        ObjectNode attributes = body.putObject("content_attributes");
        if (marker != null) {
            attributes.put("switchboard_action", marker);
        }
        body.put("created_at", at.toString());
        body.putObject("sender").put("id", senderId).put("type", sender).put("name", name);
        body.set("conversation", state());
        store("message_created", body, at);
        return this;
    }

    private ObjectNode state() {
        ObjectNode c = JSON.createObjectNode();
        c.put("id", conversation);
        c.putObject("account").put("id", account);
        c.put("inbox_id", inbox);
        c.put("channel", "Channel::WebWidget");
        c.put("status", status);
        if (priority != null) {
            c.put("priority", priority);
        }
        labels.forEach(c.putArray("labels")::add);
        c.put("created_at", createdAt.getEpochSecond());
        c.put("updated_at", updatedAt.toEpochMilli() / 1000.0);
        return c;
    }

    private void store(String type, ObjectNode body, Instant at) {
        body.put("event", type);
        Rows.anEvent().ofType(type).withBody(JSON.writeValueAsString(body)).receivedAt(at).inConversation(account, conversation).insert(jdbc);
    }
}
