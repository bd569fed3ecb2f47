package dev.switchboard.delivery;

import java.util.Locale;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Webhook bodies carry secrets: a contact's {@code pubsub_token}, and in {@code inbox_*} events the
 * channel's tokens and passwords. People see the body with those values masked.
 */
final class SensitiveFields {

    static final String MASK = "••••••";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> KEYS = Set.of("pubsub_token", "hmac_token", "secret", "password", "api_key",
            "access_token", "token", "webhook_secret", "smtp_password", "imap_password", "provider_config");

    private SensitiveFields() {
    }

    /** The body pretty-printed with secrets masked, or a note when it is not JSON. */
    static String masked(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            mask(root);
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JacksonException e) {
            return "(not JSON: " + body.length + " bytes)";
        }
    }

    private static void mask(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String name : java.util.List.copyOf(object.propertyNames())) {
                JsonNode value = object.get(name);
                if (KEYS.contains(name.toLowerCase(Locale.ROOT)) && !value.isNull()) {
                    object.put(name, MASK);
                } else {
                    mask(value);
                }
            }
        } else if (node.isArray()) {
            node.forEach(SensitiveFields::mask);
        }
    }
}
