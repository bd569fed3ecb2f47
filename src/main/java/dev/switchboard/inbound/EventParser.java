package dev.switchboard.inbound;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the few fields Switchboard files an event under, and its business key. Chatwoot re-sends an
 * event with a fresh {@code X-Chatwoot-Delivery} when its dispatch job retries (chatwoot#11901,
 * #7402), so the delivery id alone does not catch duplicates:
 * <ul>
 * <li>{@code message_created}: event, account and message id (a message is created once);</li>
 * <li>{@code message_updated}: also a digest of the message's content, because one message is updated
 *     many times and each edit or deletion is a real event;</li>
 * <li>{@code conversation_*}: event, account, conversation display id and {@code updated_at}, the
 *     version stamp Chatwoot writes with every change;</li>
 * <li>anything else, including events Switchboard does not know yet: a digest of the whole body.</li>
 * </ul>
 */
final class EventParser {

    static final int MAX_EVENT_NAME = 200;
    private static final String UNKNOWN_EVENT = "unknown";

    private final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** @throws InvalidBody when the body is not a JSON object */
    ParsedEvent parse(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidBody(RejectionReason.NOT_JSON);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidBody(root == null || root.isMissingNode() ? RejectionReason.NOT_JSON : RejectionReason.NOT_A_JSON_OBJECT);
        }
        String event = eventName(root);
        Long accountId = longOrNull(root.path("account").path("id"));
        String account = accountId == null ? "-" : accountId.toString();
        if (event.startsWith("message_")) {
            Long messageId = longOrNull(root.path("id"));
            Long conversationId = longOrNull(root.path("conversation").path("id"));
            String key = messageId == null ? bodyKey(event, body)
                    : event.equals("message_created") ? event + ":" + account + ":" + messageId
                    : event + ":" + account + ":" + messageId + ":" + contentDigest(root);
            return new ParsedEvent(event, accountId, conversationId, messageId, key);
        }
        if (event.startsWith("conversation_")) {
            Long conversationId = longOrNull(root.path("id"));
            JsonNode updatedAt = root.path("updated_at");
            String key = conversationId == null || !updatedAt.isValueNode() ? bodyKey(event, body)
                    : event + ":" + account + ":" + conversationId + ":" + updatedAt.asString();
            return new ParsedEvent(event, accountId, conversationId, null, key);
        }
        return new ParsedEvent(event, accountId, null, null, bodyKey(event, body));
    }

    private static String eventName(JsonNode root) {
        JsonNode node = root.path("event");
        if (!node.isString() || node.asString().isBlank()) {
            return UNKNOWN_EVENT;
        }
        String name = node.asString().replaceAll("\\p{Cntrl}", "");
        return name.length() > MAX_EVENT_NAME ? name.substring(0, MAX_EVENT_NAME) : name;
    }

    private static Long longOrNull(JsonNode node) {
        return node.isIntegralNumber() && node.canConvertToLong() ? node.longValue() : null;
    }

    private static String contentDigest(JsonNode message) {
        String state = message.path("content").toString() + '\u0000' + message.path("content_attributes").toString()
                + '\u0000' + message.path("private").toString();
        return sha256(state.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    }

    private static String bodyKey(String event, byte[] body) {
        return event + ":sha256:" + sha256(body);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
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
