package dev.switchboard.support;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies written by Jackson, not by gluing strings, so a value with a quote, a backslash or a line
 * break stays one value: {@code Json.of("status", "RESOLVED")}.
 */
public final class Json {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Json() {
    }

    /** @param keysAndValues a key, its value, the next key, its value, … */
    public static String of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs");
        }
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            object.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return JSON.writeValueAsString(object);
    }

    /** A response or request body read back as a tree. */
    public static tools.jackson.databind.JsonNode read(String json) {
        return JSON.readTree(json);
    }
}
