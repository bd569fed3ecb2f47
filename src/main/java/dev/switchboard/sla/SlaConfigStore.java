package dev.switchboard.sla;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.switchboard.database.OncePerTransaction;
import dev.switchboard.refusal.Conflict;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The SLA configuration in force and its history. Saving writes a new version (never an update), so every change is
 * kept with who made it, and every clock and breach names the version it was judged by.
 */
@Component
class SlaConfigStore {

    private static final String LATEST_VERSION = "SELECT coalesce(max(version), 0) FROM sla_config_versions";
    private static final String ONE = "SELECT config::text FROM sla_config_versions WHERE version = :version";
    private static final String INSERT = """
            INSERT INTO sla_config_versions (version, config, changed_by, changed_at, summary)
            VALUES (:version, CAST(:config AS jsonb), :by, :at, :summary)
            ON CONFLICT (version) DO NOTHING
            """;
    private static final String HISTORY = """
            SELECT version, changed_by, changed_at, summary FROM sla_config_versions ORDER BY version DESC LIMIT :limit
            """;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final OncePerTransaction<InForce> inForce = new OncePerTransaction<>(this::read);
    private volatile InForce cached;

    SlaConfigStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The configuration in force, its calendars built once per version; read once per transaction. */
    InForce current() {
        return inForce.get();
    }

    private InForce read() {
        int version = jdbc.sql(LATEST_VERSION).query(Integer.class).single();
        InForce held = cached;
        if (held != null && held.version() == version) {
            return held;
        }
        SlaConfig config = version == 0 ? SlaConfig.defaults()
                : SlaConfig.read(jdbc.sql(ONE).param("version", version).query(String.class).single());
        InForce fresh = InForce.of(version, config);
        cached = fresh;
        return fresh;
    }

    /**
     * Saves the configuration as the next version after {@code basedOn}; refused if someone saved another meanwhile,
     * so nobody overwrites a change they have not seen.
     */
    InForce save(SlaConfig config, int basedOn, String by) {
        InForce saved = InForce.of(basedOn + 1, config);
        InForce before = current();
        if (before.version() != basedOn) {
            throw new Conflict("sla-config-changed", "The SLA configuration was changed (version " + before.version()
                    + ") since you loaded version " + basedOn + ": load it again and reapply your change.");
        }
        int inserted = jdbc.sql(INSERT).param("version", saved.version()).param("config", config.toJson()).param("by", by)
                .param("at", Timestamp.from(clock.instant())).param("summary", summary(before.config(), config)).update();
        if (inserted == 0) {
            throw new Conflict("sla-config-changed", "Someone saved version " + saved.version() + " at the same moment: load it again.");
        }
        cached = saved;
        return saved;
    }

    List<Change> history(int limit) {
        return jdbc.sql(HISTORY).param("limit", limit).query((rs, n) -> new Change(rs.getInt("version"), rs.getString("changed_by"),
                rs.getTimestamp("changed_at").toInstant(), rs.getString("summary"))).list();
    }

    /** What changed, in a line: policies and calendars added, removed, changed or reordered. */
    static String summary(SlaConfig before, SlaConfig after) {
        List<String> parts = new ArrayList<>();
        compare("policy", before.policies().stream().map(p -> Map.entry(p.name(), (Object) p)).toList(),
                after.policies().stream().map(p -> Map.entry(p.name(), (Object) p)).toList(), parts);
        compare("calendar", before.calendars().stream().map(c -> Map.entry(c.name(), (Object) c)).toList(),
                after.calendars().stream().map(c -> Map.entry(c.name(), (Object) c)).toList(), parts);
        return parts.isEmpty() ? "saved unchanged" : String.join("; ", parts);
    }

    private static void compare(String what, List<Map.Entry<String, Object>> before, List<Map.Entry<String, Object>> after, List<String> parts) {
        List<String> old = before.stream().map(Map.Entry::getKey).toList();
        List<String> now = after.stream().map(Map.Entry::getKey).toList();
        now.stream().filter(n -> !old.contains(n)).forEach(n -> parts.add(what + " " + n + " added"));
        old.stream().filter(n -> !now.contains(n)).forEach(n -> parts.add(what + " " + n + " removed"));
        for (Map.Entry<String, Object> item : after) {
            before.stream().filter(b -> b.getKey().equals(item.getKey()) && !Objects.equals(b.getValue(), item.getValue())).findFirst()
                    .ifPresent(b -> parts.add(what + " " + item.getKey() + " changed"));
        }
        if (!old.equals(now) && old.size() == now.size() && old.containsAll(now)) {
            parts.add(what.equals("policy") ? "policies reordered" : "calendars reordered");
        }
    }

    /**
     * @param version  0 for the defaults shipped with Switchboard
     * @param calendars the configuration's calendars, built
     */
    record InForce(int version, SlaConfig config, Map<String, BusinessCalendar> calendars) {

        static InForce of(int version, SlaConfig config) {
            return new InForce(version, config, config.buildCalendars());
        }

        BusinessCalendar calendar(SlaConfig.Policy policy) {
            return policy.calendar() == null ? null : calendars.get(policy.calendar());
        }

        /** Around the clock (its zone does not matter: every day is open all day). */
        static final BusinessCalendar ALWAYS = BusinessCalendar.always(ZoneOffset.UTC);
    }

    record Change(int version, String changedBy, Instant changedAt, String summary) {
    }
}
