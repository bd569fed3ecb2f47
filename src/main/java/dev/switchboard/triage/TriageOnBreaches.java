package dev.switchboard.triage;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.switchboard.chatwoot.ChatwootAction;
import dev.switchboard.chatwoot.ChatwootActions;
import dev.switchboard.chatwoot.ChatwootPriority;
import dev.switchboard.conversation.Conversations;
import dev.switchboard.database.ArrayColumns;
import dev.switchboard.database.UuidV7;
import dev.switchboard.sla.BreachKind;
import dev.switchboard.sla.BreachesFired;
import dev.switchboard.sla.SubjectKind;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * SLA warnings and breaches of conversations as escalation reasons, in the transaction that fires them: recorded with
 * their evidence, the conversation flagged as escalated, and, when Chatwoot is configured, the actions the triage rules
 * ask for (an {@code sla-at-risk} or {@code sla-breached} label, the raised priority on a breach, a note).
 */
@Component
class TriageOnBreaches {

    private static final String INSERT = """
            INSERT INTO triage_sla_escalations (id, account_id, conversation_id, reason, clock, due_at, evidence, created_at)
            SELECT e.id, e.account, e.conversation, e.reason, e.clock, CAST(e.due AS timestamptz), e.evidence, :at
            FROM unnest(CAST(:ids AS uuid[]), CAST(:accounts AS int8[]), CAST(:conversations AS int8[]), CAST(:reasons AS text[]),
                        CAST(:clocks AS text[]), CAST(:due AS text[]), CAST(:evidence AS text[]))
                 AS e(id, account, conversation, reason, clock, due, evidence)
            ON CONFLICT ON CONSTRAINT triage_sla_escalations_once DO NOTHING
            RETURNING id
            """;
    private static final ArrayColumns<Escalation> COLUMNS = new ArrayColumns<Escalation>()
            .column("ids", "uuid", UUID.class, Escalation::id)
            .column("accounts", "int8", Long.class, Escalation::accountId)
            .column("conversations", "int8", Long.class, Escalation::conversationId)
            .column("reasons", "text", String.class, Escalation::reason)
            .column("clocks", "text", String.class, e -> e.breach().clock().name())
            .column("due", "text", String.class, e -> e.breach().dueAt().toString())
            .column("evidence", "text", String.class, Escalation::evidence);

    private final NamedParameterJdbcTemplate jdbc;
    private final Conversations conversations;
    private final ChatwootActions actions;
    private final TriageRuleStore rules;
    private final Clock clock;

    TriageOnBreaches(JdbcTemplate jdbc, Conversations conversations, ChatwootActions actions, TriageRuleStore rules, Clock clock) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
        this.conversations = conversations;
        this.actions = actions;
        this.rules = rules;
        this.clock = clock;
    }

    private record Escalation(UUID id, long accountId, long conversationId, String reason, String evidence, BreachesFired.Breach breach) {
    }

    @EventListener
    void escalate(BreachesFired fired) {
        List<Escalation> escalations = new ArrayList<>();
        for (BreachesFired.Breach breach : fired.breaches()) {
            var key = breach.subjectKind() == SubjectKind.CONVERSATION ? Conversations.ClockKey.parse(breach.subjectKey())
                    : java.util.Optional.<Conversations.ClockKey>empty();
            if (key.isEmpty()) {
                continue;
            }
            boolean breached = breach.kind() == BreachKind.BREACHED;
            String evidence = clockName(breach) + " due " + breach.dueAt() + (breached ? " passed unmet" : " is near")
                    + " (policy " + breach.policy() + ", version " + breach.configVersion() + ")";
            escalations.add(new Escalation(UuidV7.next(clock), key.get().accountId(), key.get().conversationId(),
                    breached ? "sla breached" : "sla at risk", evidence, breach));
        }
        if (escalations.isEmpty()) {
            return;
        }
        List<UUID> recorded = jdbc.query(INSERT, COLUMNS.bind(escalations, new MapSqlParameterSource("at", java.sql.Timestamp.from(clock.instant()))),
                (rs, n) -> rs.getObject(1, UUID.class));
        List<Escalation> fresh = escalations.stream().filter(e -> recorded.contains(e.id())).toList();
        Map<String, Conversations.Annotation> flagged = new LinkedHashMap<>();
        fresh.forEach(e -> flagged.put(e.accountId() + ":" + e.conversationId(),
                new Conversations.Annotation(e.accountId(), e.conversationId(), null, true, false)));
        conversations.annotate(List.copyOf(flagged.values()));
        if (actions.configured()) {
            TriageRules.Actions settings = rules.current().engine().rules().actions();
            fresh.forEach(e -> act(e, settings));
        }
    }

    private void act(Escalation e, TriageRules.Actions settings) {
        boolean breached = e.breach().kind() == BreachKind.BREACHED;
        String key = "triage:sla:" + e.breach().subjectKey() + ":" + e.breach().clock() + ":" + e.breach().dueAt() + ":" + e.breach().kind() + ":";
        String why = "triage " + e.reason() + ": " + e.evidence();
        if (settings.labels()) {
            actions.enqueue(e.accountId(), e.conversationId(), new ChatwootAction.AddLabels(List.of("escalated",
                    breached ? "sla-breached" : "sla-at-risk")), why, "triage", key + "labels");
        }
        if (breached && settings.escalatedPriority() != null && !settings.escalatedPriority().equals("none")) {
            ChatwootPriority.of(settings.escalatedPriority()).ifPresent(priority -> actions.enqueue(e.accountId(), e.conversationId(),
                    new ChatwootAction.RaisePriority(priority), why, "triage", key + "priority"));
        }
        if (settings.note()) {
            actions.enqueue(e.accountId(), e.conversationId(), new ChatwootAction.PostNote("Switchboard SLA: " + e.evidence() + "."), why,
                    "triage", key + "note");
        }
    }

    private static String clockName(BreachesFired.Breach breach) {
        return switch (breach.clock()) {
            case FIRST_RESPONSE -> "first response";
            case NEXT_RESPONSE -> "next response";
            case RESOLUTION -> "resolution";
        };
    }
}
