package dev.switchboard.sla;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads of the clocks and breaches for the API, the pages and the dashboard. */
@Component
class SlaQueries {

    private static final String CLOCKS = """
            SELECT clock, state, policy, config_version, target_seconds, business_hours, started_at, at_risk_at, due_at, ended_at,
                   paused_since, remaining_seconds, warned_for, breached_for
            FROM sla_clocks WHERE subject_kind = :kind AND subject_key = :key
            ORDER BY (state IN ('RUNNING', 'PAUSED')) DESC, due_at NULLS LAST, started_at DESC
            """;
    private static final String BREACHES = """
            SELECT id, kind, subject_kind, subject_key, clock, due_at, fired_at, policy, config_version FROM sla_breaches
            WHERE fired_at >= :since AND (CAST(:kind AS text) IS NULL OR kind = :kind)
              AND (CAST(:subjectKind AS text) IS NULL OR subject_kind = :subjectKind)
              AND (CAST(:subjectKey AS text) IS NULL OR subject_key = :subjectKey)
            ORDER BY fired_at DESC, id DESC LIMIT :limit
            """;
    /**
     * Deadlines that fell due in the period, or were met in it: met in time, or missed (met late, or still running past
     * due). Clocks stopped by a resolution before a reply count for neither.
     */
    private static final String ADHERENCE = """
            SELECT count(*) FILTER (WHERE state = 'MET' AND ended_at <= due_at) AS met,
                   count(*) FILTER (WHERE (state = 'MET' AND ended_at > due_at) OR (state IN ('RUNNING', 'PAUSED') AND due_at <= :now)) AS missed
            FROM sla_clocks
            WHERE (state = 'MET' AND ended_at >= :since AND ended_at <= :now)
               OR (state IN ('RUNNING', 'PAUSED') AND due_at >= :since AND due_at <= :now)
            """;
    private static final String AT_RISK = """
            SELECT subject_kind, subject_key, clock, policy, due_at, at_risk_at FROM sla_clocks
            WHERE state = 'RUNNING' AND (at_risk_at <= :now OR due_at <= :now)
            ORDER BY due_at LIMIT :limit
            """;
    private static final String OVERDUE = "SELECT count(*) FROM sla_clocks WHERE state = 'RUNNING' AND due_at <= :now";
    private static final String COUNT_BREACHES = "SELECT count(*) FROM sla_breaches WHERE kind = 'BREACHED' AND fired_at >= :since";

    private final JdbcClient jdbc;

    SlaQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<SlaClocks.ClockView> clocks(SubjectKind kind, String key, Instant now) {
        return jdbc.sql(CLOCKS).param("kind", kind.name()).param("key", key).query((rs, n) -> {
            ClockState state = ClockState.valueOf(rs.getString("state"));
            Instant due = instant(rs, "due_at");
            Instant ended = instant(rs, "ended_at");
            Instant atRiskAt = instant(rs, "at_risk_at");
            boolean live = state == ClockState.RUNNING;
            Long remaining = live && due != null ? Duration.between(now, due).toSeconds() : null;
            boolean breached = due != null && (ended != null ? ended.isAfter(due) : state != ClockState.STOPPED && !due.isAfter(now));
            long pausedLeft = rs.getLong("remaining_seconds");
            return new SlaClocks.ClockView(ClockKind.valueOf(rs.getString("clock")), state, rs.getString("policy"),
                    rs.getInt("config_version"), rs.getLong("target_seconds"), rs.getBoolean("business_hours"), instant(rs, "started_at"),
                    atRiskAt, due, ended, instant(rs, "paused_since"), rs.wasNull() ? null : pausedLeft, remaining,
                    live && atRiskAt != null && !atRiskAt.isAfter(now), breached);
        }).list();
    }

    List<SlaClocks.Breach> breaches(Instant since, BreachKind kind, SubjectKind subjectKind, String subjectKey, int limit) {
        return jdbc.sql(BREACHES).param("since", Timestamp.from(since)).param("kind", kind == null ? null : kind.name())
                .param("subjectKind", subjectKind == null ? null : subjectKind.name()).param("subjectKey", subjectKey)
                .param("limit", limit)
                .query((rs, n) -> new SlaClocks.Breach(rs.getObject("id", java.util.UUID.class), BreachKind.valueOf(rs.getString("kind")),
                        SubjectKind.valueOf(rs.getString("subject_kind")), rs.getString("subject_key"), ClockKind.valueOf(rs.getString("clock")),
                        instant(rs, "due_at"), instant(rs, "fired_at"), rs.getString("policy"), rs.getInt("config_version"))).list();
    }

    SlaClocks.Adherence adherence(Instant since, Instant now) {
        return jdbc.sql(ADHERENCE).param("since", Timestamp.from(since)).param("now", Timestamp.from(now))
                .query((rs, n) -> new SlaClocks.Adherence(rs.getLong("met"), rs.getLong("missed"))).single();
    }

    long overdue(Instant now) {
        return jdbc.sql(OVERDUE).param("now", Timestamp.from(now)).query(Long.class).single();
    }

    long breachesSince(Instant since) {
        return jdbc.sql(COUNT_BREACHES).param("since", Timestamp.from(since)).query(Long.class).single();
    }

    List<SlaClocks.AtRisk> atRisk(Instant now, int limit) {
        return jdbc.sql(AT_RISK).param("now", Timestamp.from(now)).param("limit", limit)
                .query((rs, n) -> new SlaClocks.AtRisk(SubjectKind.valueOf(rs.getString("subject_kind")), rs.getString("subject_key"),
                        ClockKind.valueOf(rs.getString("clock")), rs.getString("policy"), instant(rs, "due_at"))).list();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
