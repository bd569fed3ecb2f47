package dev.switchboard.thread;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.switchboard.sla.SlaSubjects;
import dev.switchboard.sla.SubjectFacts;
import dev.switchboard.sla.SubjectKind;
import dev.switchboard.sla.SubjectState;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Threads as the SLA clocks see them: PENDING (waiting on the customer) pauses, RESOLVED and CLOSED stop; the customer's
 * messages and staff's external replies are marks (internal notes and system messages are not). Keys are thread ids.
 */
@Component
class ThreadSlaSubjects implements SlaSubjects {

    private static final String STATES = """
            SELECT t.id, t.created_at, t.status, t.priority, t.query_type,
                   (SELECT max(c.changed_at) FROM thread_changes c WHERE c.thread_id = t.id AND c.field = 'status') AS state_at
            FROM threads t WHERE t.id = ANY(CAST(:ids AS uuid[]))
            """;
    private static final String MARKS = """
            SELECT thread_id, author_kind, created_at FROM thread_messages
            WHERE thread_id = ANY(CAST(:ids AS uuid[])) AND visibility = 'EXTERNAL' AND author_kind IN ('CUSTOMER', 'STAFF')
            """;

    private final JdbcClient jdbc;

    ThreadSlaSubjects(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public SubjectKind kind() {
        return SubjectKind.THREAD;
    }

    @Override
    public List<SubjectFacts> facts(Collection<String> keys) {
        List<UUID> ids = new ArrayList<>();
        for (String key : keys) {
            try {
                ids.add(UUID.fromString(key));
            } catch (IllegalArgumentException notAThread) {
                // a key no thread can have: no facts
            }
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        SqlArrayValue array = new SqlArrayValue("uuid", ids.toArray());
        Map<String, List<SubjectFacts.Mark>> marks = new HashMap<>();
        jdbc.sql(MARKS).param("ids", array).query(rs -> {
            marks.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                    .add(new SubjectFacts.Mark(rs.getTimestamp(3).toInstant(), rs.getString(2).equals("CUSTOMER")));
        });
        return jdbc.sql(STATES).param("ids", array).query((rs, n) -> {
            String key = rs.getString("id");
            Timestamp stateAt = rs.getTimestamp("state_at");
            return new SubjectFacts(key, rs.getTimestamp("created_at").toInstant(), state(ThreadStatus.valueOf(rs.getString("status"))),
                    stateAt == null ? null : stateAt.toInstant(),
                    new SubjectFacts.Attributes(rs.getString("priority"), null, "portal", List.of(), false, null, rs.getString("query_type")),
                    marks.getOrDefault(key, List.of()));
        }).list();
    }

    private static SubjectState state(ThreadStatus status) {
        return switch (status) {
            case OPEN -> SubjectState.OPEN;
            case PENDING -> SubjectState.PAUSED;
            case RESOLVED, CLOSED -> SubjectState.RESOLVED;
        };
    }
}
