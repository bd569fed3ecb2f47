package dev.switchboard.draft;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the decisions add up to: the export the agent's trainers read (a JSON line per decided draft) and the
 * statistics per intent and per week that say whether an intent's drafts can be trusted.
 */
@Component
class DraftReports {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int PAGE = 500;

    private static final String EXPORT = """
            SELECT d.id, d.subject_kind, d.account_id, d.conversation_id, d.thread_code, d.intent, d.confidence, d.origin, d.body,
                   d.final_body, d.status, d.decided_by, d.decided_via, d.edit_distance, d.tone, d.accuracy, d.policy, d.reason,
                   d.comment, d.created_at, d.decided_at, d.stale_at,
                   EXTRACT(EPOCH FROM d.decided_at - d.created_at) AS seconds_to_decision,
                   CASE WHEN d.decided_at + interval '24 hours' > :now THEN NULL
                        WHEN d.subject_kind = 'CONVERSATION' THEN EXISTS (
                            SELECT 1 FROM customer_messages m WHERE m.account_id = d.account_id
                            AND m.conversation_id = d.conversation_id AND m.created_at > d.decided_at
                            AND m.created_at <= d.decided_at + interval '24 hours')
                        ELSE EXISTS (
                            SELECT 1 FROM thread_customer_messages m WHERE m.thread_id = d.thread_id
                            AND m.created_at > d.decided_at AND m.created_at <= d.decided_at + interval '24 hours')
                   END AS customer_wrote_again
            FROM drafts d
            WHERE d.status <> 'PENDING' AND d.decided_at >= :since AND (CAST(:until AS timestamptz) IS NULL OR d.decided_at < :until)
              AND (d.decided_at, d.id) > (:afterAt, :afterId)
            ORDER BY d.decided_at, d.id
            LIMIT :page
            """;
    private static final String STATS = """
            SELECT GROUPING(w.week) AS all_weeks, GROUPING(w.intent) AS all_intents, w.week, w.intent,
                   count(*) AS drafts,
                   count(*) FILTER (WHERE w.status = 'APPROVED') AS approved,
                   count(*) FILTER (WHERE w.status = 'EDITED') AS edited,
                   count(*) FILTER (WHERE w.status = 'REJECTED') AS rejected,
                   count(*) FILTER (WHERE w.status = 'PENDING') AS pending,
                   count(*) FILTER (WHERE w.decided_via = 'AUTONOMY') AS autonomous,
                   avg(w.edit_distance) FILTER (WHERE w.status = 'EDITED') AS mean_edit_distance,
                   avg(w.tone) AS mean_tone, avg(w.accuracy) AS mean_accuracy, avg(w.policy) AS mean_policy,
                   avg(EXTRACT(EPOCH FROM w.decided_at - w.created_at)) FILTER (WHERE w.decided_via <> 'AUTONOMY') AS mean_seconds
            FROM (SELECT CAST(date_trunc('week', d.created_at AT TIME ZONE 'UTC') AS date) AS week, coalesce(d.intent, '') AS intent,
                         d.status, d.decided_via, d.edit_distance, d.tone, d.accuracy, d.policy, d.created_at, d.decided_at
                  FROM drafts d WHERE d.created_at >= :since) w
            GROUP BY GROUPING SETS ((w.week), (w.intent), ())
            ORDER BY GROUPING(w.week), w.week, w.intent
            """;

    private final JdbcClient jdbc;
    private final Clock clock;

    DraftReports(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Every draft decided in {@code [since, until)} (until: null for no end), a JSON object per line, oldest decision first, read a page at a
     * time so any number can be written without holding them.
     *
     * @return how many lines were written
     */
    long export(Instant since, Instant until, OutputStream out) throws IOException {
        Instant afterAt = Instant.EPOCH;
        UUID afterId = new UUID(0, 0);
        long written = 0;
        while (true) {
            List<Map<String, Object>> page = jdbc.sql(EXPORT).param("now", Timestamp.from(clock.instant()))
                    .param("since", Timestamp.from(since)).param("until", until == null ? null : Timestamp.from(until))
                    .param("afterAt", Timestamp.from(afterAt)).param("afterId", afterId).param("page", PAGE)
                    .query(DraftReports::exportRow).list();
            for (Map<String, Object> row : page) {
                out.write(JSON.writeValueAsBytes(row));
                out.write('\n');
            }
            written += page.size();
            if (page.size() < PAGE) {
                out.flush();
                return written;
            }
            Map<String, Object> last = page.getLast();
            afterAt = Instant.parse((String) last.get("decidedAt"));
            afterId = UUID.fromString((String) last.get("draftId"));
        }
    }

    private static Map<String, Object> exportRow(ResultSet rs, int n) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("draftId", rs.getString("id"));
        if ("THREAD".equals(rs.getString("subject_kind"))) {
            row.put("thread", rs.getString("thread_code"));
        } else {
            row.put("accountId", rs.getLong("account_id"));
            row.put("conversationId", rs.getLong("conversation_id"));
        }
        row.put("intent", rs.getString("intent"));
        row.put("confidence", rs.getObject("confidence"));
        row.put("origin", rs.getString("origin"));
        row.put("draftText", rs.getString("body"));
        row.put("finalText", rs.getString("final_body"));
        row.put("decision", rs.getString("status").toLowerCase());
        row.put("decidedBy", rs.getString("decided_by"));
        row.put("decidedVia", rs.getString("decided_via").toLowerCase());
        row.put("editDistance", rs.getObject("edit_distance"));
        Map<String, Object> grades = new LinkedHashMap<>();
        grades.put("tone", rs.getObject("tone"));
        grades.put("accuracy", rs.getObject("accuracy"));
        grades.put("policy", rs.getObject("policy"));
        row.put("grades", grades);
        row.put("reason", rs.getString("reason"));
        row.put("comment", rs.getString("comment"));
        row.put("stale", rs.getTimestamp("stale_at") != null);
        row.put("createdAt", rs.getTimestamp("created_at").toInstant().toString());
        row.put("decidedAt", rs.getTimestamp("decided_at").toInstant().toString());
        row.put("secondsToDecision", rs.getBigDecimal("seconds_to_decision").doubleValue());
        row.put("customerWroteAgainWithin24h", rs.getObject("customer_wrote_again"));
        return row;
    }

    /** Drafts proposed since then: per week, per intent, and all together. */
    Stats stats(Instant since) {
        List<Row> rows = jdbc.sql(STATS).param("since", Timestamp.from(since)).query(DraftReports::statsRow).list();
        return new Stats(since, rows.stream().filter(r -> r.week() != null).toList(),
                rows.stream().filter(r -> r.intent() != null).toList(),
                rows.stream().filter(r -> r.week() == null && r.intent() == null).findFirst().orElse(Row.EMPTY));
    }

    private static Row statsRow(ResultSet rs, int n) throws SQLException {
        boolean byWeek = rs.getInt("all_weeks") == 0;
        boolean byIntent = rs.getInt("all_intents") == 0;
        return new Row(byWeek ? rs.getDate("week").toLocalDate() : null, byIntent ? rs.getString("intent") : null,
                rs.getLong("drafts"), rs.getLong("approved"), rs.getLong("edited"), rs.getLong("rejected"), rs.getLong("pending"),
                rs.getLong("autonomous"), number(rs, "mean_edit_distance"), number(rs, "mean_tone"), number(rs, "mean_accuracy"),
                number(rs, "mean_policy"), number(rs, "mean_seconds"));
    }

    private static Double number(ResultSet rs, String column) throws SQLException {
        java.math.BigDecimal value = rs.getBigDecimal(column);
        return value == null ? null : value.doubleValue();
    }

    public record Stats(Instant since, List<Row> byWeek, List<Row> byIntent, Row total) {

        /** The tallest week's draft count, for the chart's scale (at least 1). */
        public long tallestWeek() {
            return Math.max(1, byWeek.stream().mapToLong(Row::drafts).max().orElse(1));
        }
    }

    /**
     * One group of drafts. {@code week} (its Monday, UTC) is set in the weekly rows, {@code intent} (empty for drafts
     * without one) in the per-intent rows; neither in the total.
     */
    public record Row(LocalDate week, String intent, long drafts, long approved, long edited, long rejected, long pending,
                      long autonomous, Double meanEditDistance, Double meanTone, Double meanAccuracy, Double meanPolicy,
                      Double meanSecondsToDecision) {

        static final Row EMPTY = new Row(null, null, 0, 0, 0, 0, 0, 0, null, null, null, null, null);

        public long decided() {
            return approved + edited + rejected;
        }

        /** Approved as written, out of those decided; null when none was. */
        public Double approvalRate() {
            return decided() == 0 ? null : (double) approved / decided();
        }

        /** The mean time from proposal to a person's decision, in words; null when nobody decided one. */
        public String meanTimeToDecision() {
            return meanSecondsToDecision == null ? null
                    : dev.switchboard.web.PageTimes.duration(java.time.Duration.ofSeconds(Math.round(meanSecondsToDecision)));
        }

        public Instant weekStart() {
            return week == null ? null : week.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
    }
}
