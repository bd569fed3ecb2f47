package dev.switchboard.inbound;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads the few fields Switchboard files an event under, and its business key, in one streaming pass
 * (no tree: the intake's hottest path). Chatwoot re-sends an event with a fresh
 * {@code X-Chatwoot-Delivery} when its dispatch job retries (chatwoot#11901, #7402), so the delivery id
 * alone does not catch duplicates:
 * <ul>
 * <li>{@code message_created}: event, account and message id (a message is created once);</li>
 * <li>{@code message_updated}: also a digest of the message's content, content attributes and privacy,
 *     because one message is updated many times and each edit or deletion is a real event;</li>
 * <li>{@code conversation_*}: event, account, conversation display id and {@code updated_at}, the
 *     version stamp Chatwoot writes with every change;</li>
 * <li>anything else, including events Switchboard does not know yet: a digest of the whole body.</li>
 * </ul>
 */
final class EventParser {

    static final int MAX_EVENT_NAME = 200;
    private static final String UNKNOWN_EVENT = "unknown";
    private static final JsonFactory JSON = JsonFactory.builder().build();

    /** @throws InvalidBody when the body is not a JSON object */
    ParsedEvent parse(byte[] body) {
        Fields fields;
        try (JsonParser parser = JSON.createParser(tools.jackson.core.ObjectReadContext.empty(), body)) {
            fields = readTopLevel(parser, body);
        } catch (JacksonException e) {
            throw new InvalidBody(RejectionReason.NOT_JSON);
        }
        String event = fields.event == null ? UNKNOWN_EVENT : fields.event;
        String account = fields.accountId == null ? "-" : fields.accountId.toString();
        if (event.startsWith("message_")) {
            String key = fields.id == null ? bodyKey(event, body)
                    : event.equals("message_created") ? event + ":" + account + ":" + fields.id
                    : event + ":" + account + ":" + fields.id + ":" + fields.contentDigest();
            return new ParsedEvent(event, fields.accountId, fields.conversationId, fields.id, key);
        }
        if (event.startsWith("conversation_")) {
            String key = fields.id == null || fields.updatedAt == null ? bodyKey(event, body)
                    : event + ":" + account + ":" + fields.id + ":" + fields.updatedAt;
            return new ParsedEvent(event, fields.accountId, fields.id, null, key);
        }
        return new ParsedEvent(event, fields.accountId, null, null, bodyKey(event, body));
    }

    private static Fields readTopLevel(JsonParser parser, byte[] body) {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new InvalidBody(RejectionReason.NOT_JSON);
        }
        if (first != JsonToken.START_OBJECT) {
            parser.skipChildren();
            requireEnd(parser);
            throw new InvalidBody(RejectionReason.NOT_A_JSON_OBJECT);
        }
        Fields fields = new Fields();
        MessageDigest content = sha256();
        String name;
        while ((name = parser.nextName()) != null) {
            JsonToken value = parser.nextToken();
            switch (name) {
                case "event" -> fields.event = value == JsonToken.VALUE_STRING ? eventName(parser.getString()) : null;
                case "id" -> fields.id = longOrNull(parser, value);
                case "updated_at" -> fields.updatedAt = value.isScalarValue() && value != JsonToken.VALUE_NULL ? parser.getString() : null;
                case "account" -> fields.accountId = nestedId(parser, value);
                case "conversation" -> fields.conversationId = nestedId(parser, value);
                case "content", "content_attributes", "private" -> digestValue(parser, value, body, name, content);
                default -> parser.skipChildren();
            }
        }
        requireEnd(parser);
        fields.content = content;
        return fields;
    }

    /** Trailing tokens after the document make it something other than one JSON value. */
    private static void requireEnd(JsonParser parser) {
        if (parser.nextToken() != null) {
            throw new InvalidBody(RejectionReason.NOT_JSON);
        }
    }

    private static Long nestedId(JsonParser parser, JsonToken value) {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return null;
        }
        Long id = null;
        String name;
        while ((name = parser.nextName()) != null) {
            JsonToken token = parser.nextToken();
            if (name.equals("id")) {
                id = longOrNull(parser, token);
            } else {
                parser.skipChildren();
            }
        }
        return id;
    }

    private static Long longOrNull(JsonParser parser, JsonToken value) {
        if (value != JsonToken.VALUE_NUMBER_INT) {
            parser.skipChildren();
            return null;
        }
        try {
            return parser.getLongValue();
        } catch (JacksonException e) {
            return null;
        }
    }

    /** Digests the value's exact bytes: Chatwoot serialises the same state to the same bytes. */
    private static void digestValue(JsonParser parser, JsonToken value, byte[] body, String name, MessageDigest digest) {
        digest.update(name.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        if (value.isStructStart()) {
            int start = (int) parser.currentTokenLocation().getByteOffset();
            parser.skipChildren();
            int end = (int) parser.currentLocation().getByteOffset();
            digest.update(body, start, end - start);
        } else {
            digest.update(String.valueOf(parser.getString()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        digest.update((byte) 0);
    }

    private static String eventName(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String name = raw.replaceAll("\\p{Cntrl}", "");
        return name.length() > MAX_EVENT_NAME ? name.substring(0, MAX_EVENT_NAME) : name;
    }

    private static String bodyKey(String event, byte[] body) {
        return event + ":sha256:" + HexFormat.of().formatHex(sha256().digest(body));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Fields {
        String event;
        Long id;
        Long accountId;
        Long conversationId;
        String updatedAt;
        MessageDigest content;

        String contentDigest() {
            return HexFormat.of().formatHex(content.digest()).substring(0, 32);
        }
    }

    static final class InvalidBody extends RuntimeException {
        private final RejectionReason reason;

        InvalidBody(RejectionReason reason) {
            super(reason.detail(), null, false, false);
            this.reason = reason;
        }

        RejectionReason reason() {
            return reason;
        }
    }
}
