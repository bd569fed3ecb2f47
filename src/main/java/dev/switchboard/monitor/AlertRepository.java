package dev.switchboard.monitor;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The alerts, their history, and their webhook notifications' queue. */
@Repository
class AlertRepository {

    private static final String COLUMNS = """
            SELECT id, rule, severity, title, state, opened_at, opened_value, opened_detail, last_value, last_detail, last_evaluated_at,
                   acknowledged_at, acknowledged_by, resolved_at, escalation_level FROM alerts
            """;
    private static final String ACTIVE = COLUMNS + " WHERE state <> 'RESOLVED'";
    private static final String ONE = COLUMNS + " WHERE id = :id";
    private static final String LIST = COLUMNS + """
             WHERE (CAST(:state AS text) IS NULL OR state = :state) ORDER BY opened_at DESC, id LIMIT :limit
            """;
    private static final String OPEN = """
            INSERT INTO alerts (id, rule, severity, title, state, opened_at, opened_value, opened_detail, last_value, last_detail,
                                last_evaluated_at)
            VALUES (:id, :rule, :severity, :title, 'OPEN', :now, :value, :detail, :value, :detail, :now)
            ON CONFLICT (rule) WHERE state <> 'RESOLVED' DO NOTHING
            """;
    private static final String OBSERVE = """
            UPDATE alerts SET last_value = :value, last_detail = :detail, last_evaluated_at = :now WHERE id = :id
            """;
    private static final String RESOLVE = """
            UPDATE alerts SET state = 'RESOLVED', resolved_at = :now, last_value = :value, last_detail = :detail, last_evaluated_at = :now
            WHERE id = :id AND state <> 'RESOLVED'
            """;
    private static final String ESCALATE = "UPDATE alerts SET escalation_level = :level WHERE id = :id AND escalation_level < :level";
    private static final String ACKNOWLEDGE = """
            UPDATE alerts SET state = 'ACKNOWLEDGED', acknowledged_at = :now, acknowledged_by = :by WHERE id = :id AND state = 'OPEN'
            """;
    private static final String HISTORY = "INSERT INTO alert_history (alert_id, at, what, detail) VALUES (:id, :at, :what, :detail)";
    private static final String HISTORY_OF = "SELECT at, what, detail FROM alert_history WHERE alert_id = :id ORDER BY id";
    private static final String COUNT_OPEN = "SELECT severity, count(*) FROM alerts WHERE state <> 'RESOLVED' GROUP BY severity";

    private final JdbcClient jdbc;

    AlertRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Alert> active() {
        return jdbc.sql(ACTIVE).query(AlertRepository::alert).list();
    }

    Optional<Alert> find(UUID id) {
        return jdbc.sql(ONE).param("id", id).query(AlertRepository::alert).optional();
    }

    List<Alert> list(AlertState state, int limit) {
        return jdbc.sql(LIST).param("state", state == null ? null : state.name()).param("limit", limit).query(AlertRepository::alert).list();
    }

    /** @return false when the rule has an active alert already (another node opened it) */
    boolean open(UUID id, AlertRule rule, AlertRule.Verdict verdict, Instant now) {
        return jdbc.sql(OPEN).param("id", id).param("rule", rule.id()).param("severity", rule.severity().name())
                .param("title", rule.title()).param("now", Timestamp.from(now)).param("value", verdict.value())
                .param("detail", verdict.detail()).update() == 1;
    }

    void observe(UUID id, AlertRule.Verdict verdict, Instant now) {
        jdbc.sql(OBSERVE).param("id", id).param("value", verdict.value()).param("detail", verdict.detail())
                .param("now", Timestamp.from(now)).update();
    }

    boolean resolve(UUID id, Double value, String detail, Instant now) {
        return jdbc.sql(RESOLVE).param("id", id).param("value", value).param("detail", detail).param("now", Timestamp.from(now)).update() == 1;
    }

    boolean escalate(UUID id, int level) {
        return jdbc.sql(ESCALATE).param("id", id).param("level", level).update() == 1;
    }

    boolean acknowledge(UUID id, String by, Instant now) {
        return jdbc.sql(ACKNOWLEDGE).param("id", id).param("by", by).param("now", Timestamp.from(now)).update() == 1;
    }

    void record(UUID alertId, Instant at, String what, String detail) {
        jdbc.sql(HISTORY).param("id", alertId).param("at", Timestamp.from(at)).param("what", what).param("detail", detail).update();
    }

    List<HistoryEntry> history(UUID alertId) {
        return jdbc.sql(HISTORY_OF).param("id", alertId)
                .query((rs, n) -> new HistoryEntry(rs.getTimestamp("at").toInstant(), rs.getString("what"), rs.getString("detail"))).list();
    }

    java.util.Map<Severity, Long> openBySeverity() {
        java.util.Map<Severity, Long> counts = new java.util.EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, 0L);
        }
        jdbc.sql(COUNT_OPEN).query(rs -> {
            counts.put(Severity.valueOf(rs.getString(1)), rs.getLong(2));
        });
        return counts;
    }

    private static Alert alert(ResultSet rs, int n) throws SQLException {
        double opened = rs.getDouble("opened_value");
        Double openedValue = rs.wasNull() ? null : opened;
        double last = rs.getDouble("last_value");
        Double lastValue = rs.wasNull() ? null : last;
        return new Alert(rs.getObject("id", UUID.class), rs.getString("rule"), Severity.valueOf(rs.getString("severity")),
                rs.getString("title"), AlertState.valueOf(rs.getString("state")), instant(rs, "opened_at"), openedValue,
                rs.getString("opened_detail"), lastValue, rs.getString("last_detail"), instant(rs, "last_evaluated_at"),
                instant(rs, "acknowledged_at"), rs.getString("acknowledged_by"), instant(rs, "resolved_at"), rs.getInt("escalation_level"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    record HistoryEntry(Instant at, String what, String detail) {
    }
}
