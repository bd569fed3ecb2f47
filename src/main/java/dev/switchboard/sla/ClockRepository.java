package dev.switchboard.sla;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.switchboard.database.ArrayColumns;
import dev.switchboard.database.NodeIdentity;
import dev.switchboard.database.UuidV7;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Writes of the clocks, a batch of subjects at a time, and the one statement that fires what is due. */
@Repository
class ClockRepository {

    /**
     * Takes the subjects' rows, locked for the rest of the transaction (one computation of a subject at a time: a
     * conflicting row is locked even when nothing in it changes, and then it is not written).
     */
    private static final String UPSERT_SUBJECTS = """
            INSERT INTO sla_subjects (subject_kind, subject_key, first_seen_at, state, policy, config_version)
            SELECT :kind, s.key, :now, s.state, s.policy, :version
            FROM unnest(CAST(:keys AS text[]), CAST(:states AS text[]), CAST(:policies AS text[])) AS s(key, state, policy)
            ON CONFLICT (subject_kind, subject_key) DO UPDATE SET state = EXCLUDED.state, policy = EXCLUDED.policy,
                                                                 config_version = EXCLUDED.config_version
            WHERE (sla_subjects.state, sla_subjects.policy, sla_subjects.config_version)
                  IS DISTINCT FROM (EXCLUDED.state, EXCLUDED.policy, EXCLUDED.config_version)
            """;
    private static final String FIRST_SEEN = """
            SELECT subject_key, first_seen_at FROM sla_subjects WHERE subject_kind = :kind AND subject_key = ANY(CAST(:keys AS text[]))
            """;
    /** A state is recorded when it differs from the last one recorded (before any, a subject is open). */
    private static final String RECORD_STATES = """
            INSERT INTO sla_state_changes (subject_kind, subject_key, changed_at, state, recorded_at)
            SELECT :kind, s.key, CAST(s.at AS timestamptz), s.state, :now
            FROM unnest(CAST(:keys AS text[]), CAST(:states AS text[]), CAST(:ats AS text[])) AS s(key, state, at)
            WHERE s.state <> coalesce((SELECT c.state FROM sla_state_changes c WHERE c.subject_kind = :kind AND c.subject_key = s.key
                                       ORDER BY c.changed_at DESC, c.recorded_at DESC LIMIT 1), 'OPEN')
            ON CONFLICT DO NOTHING
            """;
    private static final String STATE_CHANGES = """
            SELECT subject_key, state, changed_at FROM sla_state_changes
            WHERE subject_kind = :kind AND subject_key = ANY(CAST(:keys AS text[])) ORDER BY changed_at, recorded_at
            """;
    /**
     * What firing set ({@code warned_for}, {@code breached_for}) is kept: a recomputation never fires anything again. A
     * clock computed as it already stands is not written (most changes to a conversation leave most of its clocks as
     * they were), and its timers are set already.
     */
    private static final String UPSERT_CLOCKS = """
            INSERT INTO sla_clocks (id, subject_kind, subject_key, clock, instance, state, policy, config_version, target_seconds,
                                    business_hours, started_at, at_risk_at, due_at, ended_at, paused_since, remaining_seconds, watched_since)
            SELECT c.id, :kind, c.key, c.clock, c.instance, c.state, c.policy, :version, c.target, c.business,
                   CAST(c.started AS timestamptz), CAST(c.at_risk AS timestamptz), CAST(c.due AS timestamptz),
                   CAST(c.ended AS timestamptz), CAST(c.paused AS timestamptz), c.remaining, CAST(c.watched AS timestamptz)
            FROM unnest(CAST(:ids AS uuid[]), CAST(:keys AS text[]), CAST(:clocks AS text[]), CAST(:instances AS int8[]),
                        CAST(:states AS text[]), CAST(:policies AS text[]), CAST(:targets AS int8[]), CAST(:business AS bool[]),
                        CAST(:started AS text[]), CAST(:atRisk AS text[]), CAST(:due AS text[]), CAST(:ended AS text[]),
                        CAST(:paused AS text[]), CAST(:remaining AS int8[]), CAST(:watched AS text[]))
                 AS c(id, key, clock, instance, state, policy, target, business, started, at_risk, due, ended, paused, remaining, watched)
            ON CONFLICT (subject_kind, subject_key, clock, instance) DO UPDATE SET
                state = EXCLUDED.state, policy = EXCLUDED.policy, config_version = EXCLUDED.config_version,
                target_seconds = EXCLUDED.target_seconds, business_hours = EXCLUDED.business_hours, started_at = EXCLUDED.started_at,
                at_risk_at = EXCLUDED.at_risk_at, due_at = EXCLUDED.due_at, ended_at = EXCLUDED.ended_at,
                paused_since = EXCLUDED.paused_since, remaining_seconds = EXCLUDED.remaining_seconds
            WHERE (sla_clocks.state, sla_clocks.policy, sla_clocks.config_version, sla_clocks.target_seconds, sla_clocks.business_hours,
                   sla_clocks.started_at, sla_clocks.at_risk_at, sla_clocks.due_at, sla_clocks.ended_at, sla_clocks.paused_since,
                   sla_clocks.remaining_seconds)
                  IS DISTINCT FROM (EXCLUDED.state, EXCLUDED.policy, EXCLUDED.config_version, EXCLUDED.target_seconds,
                                    EXCLUDED.business_hours, EXCLUDED.started_at, EXCLUDED.at_risk_at, EXCLUDED.due_at, EXCLUDED.ended_at,
                                    EXCLUDED.paused_since, EXCLUDED.remaining_seconds)
            RETURNING next_fire_at, CASE WHEN state = 'RUNNING' THEN due_at END AS running_due
            """;
    private static final ArrayColumns<Row> CLOCK_COLUMNS = new ArrayColumns<Row>()
            .column("ids", "uuid", UUID.class, Row::id)
            .column("keys", "text", String.class, Row::key)
            .column("clocks", "text", String.class, r -> r.planned().kind().name())
            .column("instances", "int8", Long.class, r -> r.planned().instance())
            .column("states", "text", String.class, r -> r.planned().state().name())
            .column("policies", "text", String.class, Row::policy)
            .column("targets", "int8", Long.class, r -> r.planned().target().toSeconds())
            .column("business", "bool", Boolean.class, r -> r.planned().businessHours())
            .column("started", "text", String.class, r -> text(r.planned().startedAt()))
            .column("atRisk", "text", String.class, r -> text(r.planned().atRiskAt()))
            .column("due", "text", String.class, r -> text(r.planned().dueAt()))
            .column("ended", "text", String.class, r -> text(r.planned().endedAt()))
            .column("paused", "text", String.class, r -> text(r.planned().pausedSince()))
            .column("remaining", "int8", Long.class, r -> r.planned().remaining() == null ? null : r.planned().remaining().toSeconds())
            .column("watched", "text", String.class, r -> text(r.watchedSince()));
    /** The clocks of those subjects the last computation no longer has (their breaches stay). */
    private static final String DELETE_OTHERS = """
            DELETE FROM sla_clocks c
            WHERE c.subject_kind = :kind AND c.subject_key = ANY(CAST(:subjects AS text[]))
              AND NOT EXISTS (SELECT 1 FROM unnest(CAST(:keys AS text[]), CAST(:clocks AS text[]), CAST(:instances AS int8[])) AS k(key, clock, instance)
                              WHERE k.key = c.subject_key AND k.clock = c.clock AND k.instance = c.instance)
            """;
    /** Each subject's most urgent running due instant, as just computed; written only where it moved. */
    private static final String REFRESH_DUE = """
            UPDATE sla_subjects s SET next_due_at = CAST(u.due AS timestamptz)
            FROM unnest(CAST(:keys AS text[]), CAST(:dues AS text[])) AS u(key, due)
            WHERE s.subject_kind = :kind AND s.subject_key = u.key AND s.next_due_at IS DISTINCT FROM CAST(u.due AS timestamptz)
            """;
    /**
     * Fires what is due, a batch at a time, each clock once: the rows are locked (another node skips them) and
     * marked fired for their instants. A clock past its due instant fires its breach (and no longer its warning).
     */
    private static final String FIRE_DUE = """
            WITH due AS (
                SELECT id FROM sla_clocks WHERE next_fire_at <= :now ORDER BY next_fire_at LIMIT :limit FOR UPDATE SKIP LOCKED
            )
            UPDATE sla_clocks c SET breached_for = CASE WHEN c.due_at <= :now THEN c.due_at ELSE c.breached_for END,
                                    warned_for = c.at_risk_at
            FROM due WHERE c.id = due.id
            RETURNING c.id, c.subject_kind, c.subject_key, c.clock, c.policy, c.config_version, c.due_at,
                      c.due_at <= :now AS breached, c.next_fire_at
            """;
    private static final String RECORD_FIRED = """
            INSERT INTO sla_breaches (id, clock_id, kind, subject_kind, subject_key, clock, due_at, fired_at, fired_by, policy, config_version)
            SELECT f.id, f.clock_id, f.kind, f.subject_kind, f.subject_key, f.clock, CAST(f.due AS timestamptz), :now, :node, f.policy,
                   f.version
            FROM unnest(CAST(:ids AS uuid[]), CAST(:clockIds AS uuid[]), CAST(:kinds AS text[]), CAST(:subjectKinds AS text[]),
                        CAST(:keys AS text[]), CAST(:clocks AS text[]), CAST(:due AS text[]), CAST(:policies AS text[]),
                        CAST(:versions AS int4[])) AS f(id, clock_id, kind, subject_kind, subject_key, clock, due, policy, version)
            ON CONFLICT ON CONSTRAINT sla_breaches_once DO NOTHING
            """;
    private static final String UPCOMING = """
            SELECT DISTINCT next_fire_at FROM sla_clocks WHERE next_fire_at > :now AND next_fire_at <= :until
            """;
    private static final String LEAVE_AS_THEY_ARE = """
            UPDATE sla_subjects SET config_version = :version WHERE subject_kind = :kind AND subject_key = ANY(CAST(:keys AS text[]))
            """;
    /** Open subjects judged by an older configuration, taken by one node at a time. */
    private static final String STALE = """
            SELECT subject_kind, subject_key FROM sla_subjects WHERE config_version <> :version AND state <> 'RESOLVED'
            ORDER BY subject_kind, subject_key LIMIT :limit FOR UPDATE SKIP LOCKED
            """;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;
    private final Clock clock;

    ClockRepository(JdbcClient jdbc, JdbcTemplate template, Clock clock) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(template);
        this.clock = clock;
    }

    /** @param states and {@code policies}, one per key (a policy null when none applies) @return when each was first seen */
    Map<String, Instant> upsertSubjects(SubjectKind kind, List<String> keys, List<String> states, List<String> policies, int version,
                                        Instant now) {
        MapSqlParameterSource p = new MapSqlParameterSource().addValue("kind", kind.name()).addValue("now", Timestamp.from(now))
                .addValue("version", version).addValue("keys", array("text", keys)).addValue("states", array("text", states))
                .addValue("policies", array("text", policies));
        named.update(UPSERT_SUBJECTS, p);
        Map<String, Instant> firstSeen = new HashMap<>();
        named.query(FIRST_SEEN, p, (rs, n) -> firstSeen.put(rs.getString(1), rs.getTimestamp(2).toInstant()));
        return firstSeen;
    }

    void recordStates(SubjectKind kind, List<SubjectFacts> facts, Instant now) {
        MapSqlParameterSource p = new MapSqlParameterSource().addValue("kind", kind.name()).addValue("now", Timestamp.from(now));
        new ArrayColumns<SubjectFacts>()
                .column("keys", "text", String.class, SubjectFacts::key)
                .column("states", "text", String.class, f -> f.state().name())
                .column("ats", "text", String.class, f -> text(f.stateAt() == null ? now : f.stateAt()))
                .bind(facts, p);
        named.update(RECORD_STATES, p);
    }

    Map<String, List<ClockPlan.StateChange>> stateChanges(SubjectKind kind, List<String> keys) {
        Map<String, List<ClockPlan.StateChange>> byKey = new HashMap<>();
        named.query(STATE_CHANGES, new MapSqlParameterSource().addValue("kind", kind.name()).addValue("keys", array("text", keys)),
                (rs, n) -> byKey.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(
                        new ClockPlan.StateChange(SubjectState.valueOf(rs.getString(2)), rs.getTimestamp(3).toInstant())));
        return byKey;
    }

    /**
     * Writes the computed clocks of those subjects, removes the ones no longer computed, and updates each subject's
     * most urgent due instant.
     *
     * @return the instants something is due to fire at: a warning's, and its clock's due instant after it
     */
    List<Instant> replaceClocks(SubjectKind kind, List<String> subjects, List<Row> rows, int version) {
        List<Instant> fireAt = new ArrayList<>();
        if (!rows.isEmpty()) {
            MapSqlParameterSource p = CLOCK_COLUMNS.bind(rows, new MapSqlParameterSource().addValue("kind", kind.name())
                    .addValue("version", version));
            named.query(UPSERT_CLOCKS, p, (rs, n) -> {
                Timestamp at = rs.getTimestamp("next_fire_at");
                Timestamp due = rs.getTimestamp("running_due");
                if (at != null) {
                    fireAt.add(at.toInstant());
                    if (due != null && due.after(at)) {
                        fireAt.add(due.toInstant());
                    }
                }
                return null;
            });
        }
        MapSqlParameterSource keep = new ArrayColumns<Row>()
                .column("keys", "text", String.class, Row::key)
                .column("clocks", "text", String.class, r -> r.planned().kind().name())
                .column("instances", "int8", Long.class, r -> r.planned().instance())
                .bind(rows, new MapSqlParameterSource().addValue("kind", kind.name()).addValue("subjects", array("text", subjects)));
        named.update(DELETE_OTHERS, keep);
        Map<String, Instant> nextDue = new HashMap<>();
        for (Row row : rows) {
            if (row.planned().state() == ClockState.RUNNING && row.planned().dueAt() != null) {
                nextDue.merge(row.key(), row.planned().dueAt(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        named.update(REFRESH_DUE, new ArrayColumns<String>()
                .column("keys", "text", String.class, k -> k)
                .column("dues", "text", String.class, k -> text(nextDue.get(k)))
                .bind(subjects, new MapSqlParameterSource().addValue("kind", kind.name())));
        return fireAt;
    }

    /** Fires up to {@code limit} due clocks at {@code now}, recording each breach and warning. @return what fired */
    List<Fired> fireDue(Instant now, int limit) {
        List<Fired> fired = named.query(FIRE_DUE, new MapSqlParameterSource().addValue("now", Timestamp.from(now)).addValue("limit", limit),
                (rs, n) -> {
                    boolean breached = rs.getBoolean("breached");
                    return new Fired(UuidV7.next(clock), (UUID) rs.getObject("id"), breached ? BreachKind.BREACHED : BreachKind.AT_RISK,
                            SubjectKind.valueOf(rs.getString("subject_kind")), rs.getString("subject_key"),
                            ClockKind.valueOf(rs.getString("clock")), rs.getString("policy"), rs.getInt("config_version"),
                            rs.getTimestamp("due_at").toInstant(), now, instant(rs.getTimestamp("next_fire_at")));
                });
        if (fired.isEmpty()) {
            return fired;
        }
        MapSqlParameterSource p = new ArrayColumns<Fired>()
                .column("ids", "uuid", UUID.class, Fired::id)
                .column("clockIds", "uuid", UUID.class, Fired::clockId)
                .column("kinds", "text", String.class, f -> f.kind().name())
                .column("subjectKinds", "text", String.class, f -> f.subjectKind().name())
                .column("keys", "text", String.class, Fired::subjectKey)
                .column("clocks", "text", String.class, f -> f.clock().name())
                .column("due", "text", String.class, f -> text(f.dueAt()))
                .column("policies", "text", String.class, Fired::policy)
                .column("versions", "int4", Integer.class, Fired::configVersion)
                .bind(fired, new MapSqlParameterSource().addValue("now", Timestamp.from(now)).addValue("node", NodeIdentity.id()));
        named.update(RECORD_FIRED, p);
        return fired;
    }

    /** The instants something is due to fire at, after {@code now} and up to {@code until}. */
    List<Instant> upcoming(Instant now, Instant until) {
        return jdbc.sql(UPCOMING).param("now", Timestamp.from(now)).param("until", Timestamp.from(until))
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).list();
    }

    /** Subjects whose owner no longer has them keep their clocks as they are, judged by the configuration in force. */
    void leaveAsTheyAre(SubjectKind kind, List<String> keys, int version) {
        if (!keys.isEmpty()) {
            named.update(LEAVE_AS_THEY_ARE, new MapSqlParameterSource().addValue("kind", kind.name()).addValue("version", version)
                    .addValue("keys", array("text", keys)));
        }
    }

    /** Locks and returns up to {@code limit} open subjects judged by another version than {@code version}. */
    Map<SubjectKind, List<String>> stale(int version, int limit) {
        Map<SubjectKind, List<String>> byKind = new HashMap<>();
        jdbc.sql(STALE).param("version", version).param("limit", limit).query((rs, n) -> byKind
                .computeIfAbsent(SubjectKind.valueOf(rs.getString(1)), k -> new ArrayList<>()).add(rs.getString(2))).list();
        return byKind;
    }

    /** A computed clock of a subject, to be written. */
    record Row(UUID id, String key, ClockPlan.Planned planned, String policy, Instant watchedSince) {
    }

    /** A breach or an at-risk warning that fired; {@code dueAt} is the clock's due instant either way. */
    /** @param nextFireAt what the clock fires next (its breach, after a warning), or null */
    record Fired(UUID id, UUID clockId, BreachKind kind, SubjectKind subjectKind, String subjectKey, ClockKind clock, String policy,
                 int configVersion, Instant dueAt, Instant firedAt, Instant nextFireAt) {
    }

    private static org.springframework.jdbc.support.SqlArrayValue array(String type, Collection<String> values) {
        return new org.springframework.jdbc.support.SqlArrayValue(type, values.toArray());
    }

    private static Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
