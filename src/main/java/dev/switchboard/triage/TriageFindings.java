package dev.switchboard.triage;

import java.util.ArrayList;
import java.util.List;

import dev.switchboard.conversation.ConversationFindings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Triage's results on a conversation's page: each message's intent and escalations, with the evidence. */
@Component
class TriageFindings implements ConversationFindings {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String RESULTS = """
            SELECT message_id, intent, score, confident, evidence::text AS evidence, escalations::text AS escalations, created_at
            FROM triage_results WHERE account_id = :account AND conversation_id = :conversation
            ORDER BY created_at DESC, message_id DESC LIMIT 100
            """;
    private static final String SLA = """
            SELECT reason, evidence, created_at FROM triage_sla_escalations WHERE account_id = :account AND conversation_id = :conversation
            ORDER BY created_at DESC LIMIT 50
            """;

    private final JdbcClient jdbc;

    TriageFindings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Finding> findings(long accountId, long conversationId) {
        List<Finding> found = new ArrayList<>();
        jdbc.sql(RESULTS).param("account", accountId).param("conversation", conversationId).query((rs, n) -> {
            var at = rs.getTimestamp("created_at").toInstant();
            List<String> evidence = new ArrayList<>();
            JSON.readTree(rs.getString("evidence")).forEach(e -> evidence.add(e.asString()));
            String message = "message " + rs.getLong("message_id");
            found.add(new Finding("intent", rs.getString("intent") + (rs.getBoolean("confident") ? "" : " (not confident)"),
                    rs.getDouble("score"), message + (evidence.isEmpty() ? ": nothing matched" : ": " + String.join(", ", evidence)), at));
            for (JsonNode escalation : JSON.readTree(rs.getString("escalations"))) {
                found.add(new Finding("escalation", escalation.path("reason").asString(), 0,
                        message + ": " + escalation.path("evidence").asString(), at));
            }
            return null;
        }).list();
        jdbc.sql(SLA).param("account", accountId).param("conversation", conversationId).query((rs, n) -> found.add(new Finding(
                "escalation", rs.getString("reason"), 0, rs.getString("evidence"), rs.getTimestamp("created_at").toInstant()))).list();
        found.sort(java.util.Comparator.comparing(Finding::at).reversed());
        return found;
    }
}
