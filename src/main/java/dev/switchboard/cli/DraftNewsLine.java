package dev.switchboard.cli;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A {@code draft.decided} or {@code draft.reviewed} event in one line, as the stand-in agent prints it. */
final class DraftNewsLine {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DraftNewsLine() {
    }

    static String of(byte[] body) {
        try {
            JsonNode news = JSON.readTree(body);
            StringBuilder line = new StringBuilder();
            line.append(news.path("event").asString("?")).append(' ').append(news.path("draftId").asString("?")).append(": ")
                    .append(news.path("decision").asString("?")).append(" by ").append(news.path("decidedBy").asString("?"));
            if (news.has("review")) {
                line.append(", reviewed ").append(news.path("review").asString()).append(" by ").append(news.path("reviewedBy").asString());
            }
            if (!news.path("reason").isNull() && news.has("reason")) {
                line.append(", reason ").append(news.path("reason").asString());
            }
            if (!news.path("editDistance").isNull() && news.path("editDistance").asInt(0) > 0) {
                line.append(", ").append(news.path("editDistance").asInt()).append(" characters changed");
            }
            return line.toString();
        } catch (RuntimeException notJson) {
            return "a draft event that is not JSON";
        }
    }
}
