package dev.switchboard.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/** Query strings for the links pages build back to themselves (filters kept across tabs and pages). */
public final class QueryStrings {

    private QueryStrings() {
    }

    /**
     * {@code a=1&b=x%2By}, in the map's order, leaving out null values. Values are form-encoded, so a
     * {@code +} someone searched for stays a plus.
     */
    public static String of(Map<String, ?> parameters) {
        StringJoiner query = new StringJoiner("&");
        parameters.forEach((name, value) -> {
            if (value != null) {
                query.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
            }
        });
        return query.toString();
    }
}
