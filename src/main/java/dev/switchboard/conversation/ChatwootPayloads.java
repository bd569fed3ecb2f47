package dev.switchboard.conversation;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.switchboard.inbound.EventFeed.FedEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an event says about conversations, messages and contacts, read from Chatwoot's webhook shapes
 * (NOTES.md §1.7): conversations in {@code conversation_*} events, in a message's {@code conversation} and
 * in {@code webwidget_triggered}'s {@code current_conversation}; messages at the top of {@code message_*}
 * events and in a conversation's {@code messages[]} (integer types there); contacts in {@code contact_*}.
 * Times come as ISO strings, integer epochs (0 for none) or a float epoch ({@code updated_at}).
 */
final class ChatwootPayloads {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Events whose body is the conversation itself. Other names (automation events, future ones) are left alone. */
    private static final java.util.Set<String> CONVERSATION_EVENTS = java.util.Set.of("conversation_created", "conversation_updated",
            "conversation_status_changed");

    private ChatwootPayloads() {
    }

    record Reading(Optional<State> conversation, List<Message> messages, Optional<Contact> contact) {
    }

    /** A conversation's state as of {@code version} (Chatwoot's {@code updated_at}). */
    record State(long accountId, long conversationId, Long inboxId, String inboxName, String channel, ConversationStatus status,
                 String priority, List<String> labels, Long assigneeId, String assigneeName, String assigneeType, Long teamId,
                 String teamName, Contact contact, Instant createdAt, Instant waitingSince, Instant firstReplyAt,
                 Instant snoozedUntil, Instant lastActivityAt, double version) {
    }

    /**
     * @param senderType Chatwoot's sender type as the webhook gives it ({@code user}, {@code agent_bot}, {@code contact},
     *                   {@code User}, …); null when none
     * @param marker     the Switchboard action that posted it ({@code content_attributes.switchboard_action}); null for others
     */
    record Message(long accountId, long conversationId, long messageId, SenderKind kind, String senderName, String content,
                   boolean deleted, Instant createdAt, String senderType, Long senderId, String marker) {
    }

    /** @param attributes the contact's custom attributes, as JSON */
    record Contact(long accountId, long contactId, String name, String email, String phone, String attributes, double version) {
    }

    static Reading read(FedEvent event) {
        JsonNode root = JSON.readTree(event.body());
        String type = event.eventType();
        Long account = firstLong(root.path("account").path("id"), event.accountId());
        List<Message> messages = new ArrayList<>();
        Optional<State> conversation = Optional.empty();
        Optional<Contact> contact = Optional.empty();
        if (CONVERSATION_EVENTS.contains(type)) {
            conversation = state(root, account, null);
        } else if (type.startsWith("conversation_typing_")) {
            conversation = state(root.path("conversation"), account, null);
        } else if (type.equals("message_created") || type.equals("message_updated")) {
            JsonNode c = root.path("conversation");
            conversation = state(c, account, text(root.path("inbox").path("name")));
            Long conversationId = longOrNull(c.path("id"));
            if (account != null && conversationId != null && root.path("id").isNumber()) {
                topMessage(root, account, conversationId).ifPresent(messages::add);
            }
        } else if (type.equals("webwidget_triggered")) {
            conversation = state(root.path("current_conversation"), account, text(root.path("inbox").path("name")));
        } else if (type.startsWith("contact_") && account != null && root.path("id").isNumber()) {
            contact = Optional.of(contact(root, account, contactVersion(root, event.receivedAt())));
        }
        conversation.ifPresent(s -> messages.addAll(listed(root.path("conversation").isObject() ? root.path("conversation") : root, s)));
        return new Reading(conversation, messages, contact);
    }

    private static Optional<State> state(JsonNode c, Long account, String inboxName) {
        Long accountId = firstLong(c.path("account").path("id"), account);
        Long id = longOrNull(c.path("id"));
        if (!c.isObject() || accountId == null || id == null || text(c.path("status")) == null) {
            return Optional.empty();
        }
        JsonNode meta = c.path("meta");
        JsonNode sender = meta.path("sender");
        double version = c.path("updated_at").isNumber() ? c.path("updated_at").asDouble() : 0;
        Contact contact = sender.path("id").isNumber() ? contact(sender, accountId, version) : null;
        List<String> labels = new ArrayList<>();
        c.path("labels").forEach(l -> labels.add(l.asString()));
        JsonNode assignee = meta.path("assignee");
        JsonNode team = meta.path("team");
        return Optional.of(new State(accountId, id, longOrNull(c.path("inbox_id")), inboxName, text(c.path("channel")),
                ConversationStatus.of(text(c.path("status"))), text(c.path("priority")), labels,
                longOrNull(assignee.path("id")), text(assignee.path("name")), text(meta.path("assignee_type")),
                longOrNull(team.path("id")), text(team.path("name")), contact, epoch(c.path("created_at")),
                epoch(c.path("waiting_since")), time(c.path("first_reply_created_at")), time(c.path("snoozed_until")),
                epoch(c.path("last_activity_at")), version));
    }

    /** The message a {@code message_*} event is about: string types, an ISO time, the sender's own shape. */
    private static Optional<Message> topMessage(JsonNode m, long account, long conversationId) {
        String type = text(m.path("message_type"));
        if (type == null || type.equals("activity")) {
            return Optional.empty();
        }
        JsonNode sender = m.path("sender");
        String marker = marker(m);
        SenderKind kind;
        if (m.path("private").asBoolean(false)) {
            kind = SenderKind.NOTE;
        } else if (type.equals("incoming")) {
            kind = SenderKind.CONTACT;
        } else {
            kind = "user".equals(text(sender.path("type"))) || marker != null ? SenderKind.AGENT : SenderKind.BOT;
        }
        Instant created = time(m.path("created_at"));
        return Optional.of(new Message(account, conversationId, m.path("id").asLong(), kind, text(sender.path("name")),
                text(m.path("content")), m.path("content_attributes").path("deleted").asBoolean(false),
                created == null ? Instant.EPOCH : created, text(sender.path("type")), longOrNull(sender.path("id")), marker));
    }

    /** The conversation's {@code messages[]}: its last public message, integer types and epochs. */
    private static List<Message> listed(JsonNode c, State state) {
        List<Message> messages = new ArrayList<>();
        for (JsonNode m : c.path("messages")) {
            int type = m.path("message_type").asInt(-1);
            if (!m.path("id").isNumber() || type == 2 || type < 0) {
                continue;
            }
            String senderType = text(m.path("sender_type"));
            String marker = marker(m);
            SenderKind kind = m.path("private").asBoolean(false) ? SenderKind.NOTE
                    : type == 0 ? SenderKind.CONTACT
                    : "User".equals(senderType) || marker != null ? SenderKind.AGENT : SenderKind.BOT;
            Instant created = epoch(m.path("created_at"));
            messages.add(new Message(state.accountId(), state.conversationId(), m.path("id").asLong(), kind,
                    text(m.path("sender").path("name")), text(m.path("content")),
                    m.path("content_attributes").path("deleted").asBoolean(false), created == null ? Instant.EPOCH : created,
                    senderType, longOrNull(m.path("sender_id")), marker));
        }
        return messages;
    }

    /**
     * A public reply Switchboard posted counts as a person's: someone approved it (or autonomy they granted did), and the
     * SLA clocks stop at the moment Chatwoot stored it, whichever token posted it.
     */
    private static String marker(JsonNode m) {
        return text(m.path("content_attributes").path("switchboard_action"));
    }

    private static Contact contact(JsonNode c, long account, double version) {
        return new Contact(account, c.path("id").asLong(), text(c.path("name")), text(c.path("email")),
                text(c.path("phone_number")), c.path("custom_attributes").isObject() ? JSON.writeValueAsString(c.path("custom_attributes")) : "{}",
                version);
    }

    /** A contact event's own time: its {@code updated_at} change when it says one, else when it was received. */
    private static double contactVersion(JsonNode root, Instant receivedAt) {
        for (JsonNode change : root.path("changed_attributes")) {
            Instant at = time(change.path("updated_at").path("current_value"));
            if (at != null) {
                return at.toEpochMilli() / 1000.0;
            }
        }
        return receivedAt.toEpochMilli() / 1000.0;
    }

    private static String text(JsonNode node) {
        return node.isString() && !node.asString().isEmpty() ? node.asString() : null;
    }

    private static Long longOrNull(JsonNode node) {
        return node.isNumber() ? node.asLong() : null;
    }

    private static Long firstLong(JsonNode node, Long otherwise) {
        return node.isNumber() ? Long.valueOf(node.asLong()) : otherwise;
    }

    /** Chatwoot's integer epoch seconds, where 0 means "not set". */
    private static Instant epoch(JsonNode node) {
        return node.isNumber() && node.asLong() > 0 ? Instant.ofEpochSecond(node.asLong()) : null;
    }

    private static Instant time(JsonNode node) {
        if (node.isNumber()) {
            return epoch(node);
        }
        String text = text(node);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
