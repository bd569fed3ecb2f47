package dev.switchboard.triage;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.switchboard.database.OncePerTransaction;
import dev.switchboard.refusal.Conflict;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The rules in force and their history. Saving writes a new version (never an update), so every change is
 * kept with who made it; nodes pick a new version up on the next message, reading only its number.
 */
@Component
class TriageRuleStore {

    private static final String LATEST_VERSION = "SELECT coalesce(max(version), 0) FROM triage_rule_versions";
    private static final String ONE = "SELECT rules::text FROM triage_rule_versions WHERE version = :version";
    private static final String INSERT = """
            INSERT INTO triage_rule_versions (version, rules, changed_by, changed_at, summary)
            VALUES (:version, CAST(:rules AS jsonb), :by, :at, :summary)
            ON CONFLICT (version) DO NOTHING
            """;
    private static final String HISTORY = """
            SELECT version, changed_by, changed_at, summary FROM triage_rule_versions ORDER BY version DESC LIMIT :limit
            """;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final OncePerTransaction<InForce> inForce = new OncePerTransaction<>(this::read);
    private volatile InForce cached;

    TriageRuleStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The rules in force, compiled once per version. Within a transaction (the conversation model applies a
     * batch of messages in one) the version is read once, and every message of the batch is judged alike.
     */
    InForce current() {
        return inForce.get();
    }

    private InForce read() {
        int version = jdbc.sql(LATEST_VERSION).query(Integer.class).single();
        InForce held = cached;
        if (held != null && held.version() == version) {
            return held;
        }
        TriageRules rules = version == 0 ? TriageRules.defaults()
                : TriageRules.read(jdbc.sql(ONE).param("version", version).query(String.class).single());
        InForce fresh = new InForce(version, TriageEngine.of(rules));
        cached = fresh;
        return fresh;
    }

    /**
     * Saves the rules as the next version after {@code basedOn}; refused if someone saved another meanwhile,
     * so nobody overwrites a change they have not seen.
     */
    InForce save(TriageRules rules, int basedOn, String by) {
        TriageEngine engine = TriageEngine.of(rules);
        InForce before = current();
        if (before.version() != basedOn) {
            throw new Conflict("triage-rules-changed", "The rules were changed (version " + before.version()
                    + ") since you loaded version " + basedOn + ": load them again and reapply your change.");
        }
        int version = basedOn + 1;
        int inserted = jdbc.sql(INSERT).param("version", version).param("rules", rules.toJson()).param("by", by)
                .param("at", Timestamp.from(clock.instant())).param("summary", summary(before.engine().rules(), rules)).update();
        if (inserted == 0) {
            throw new Conflict("triage-rules-changed", "Someone saved version " + version + " at the same moment: load the rules again.");
        }
        InForce saved = new InForce(version, engine);
        cached = saved;
        return saved;
    }

    List<Change> history(int limit) {
        return jdbc.sql(HISTORY).param("limit", limit).query((rs, n) -> new Change(rs.getInt("version"), rs.getString("changed_by"),
                rs.getTimestamp("changed_at").toInstant(), rs.getString("summary"))).list();
    }

    /** What changed, in a line: intents added and removed, and the parts that differ. */
    static String summary(TriageRules before, TriageRules after) {
        List<String> parts = new ArrayList<>();
        List<String> old = before.intents().stream().map(TriageRules.Intent::name).toList();
        List<String> now = after.intents().stream().map(TriageRules.Intent::name).toList();
        now.stream().filter(n -> !old.contains(n)).forEach(n -> parts.add("intent " + n + " added"));
        old.stream().filter(n -> !now.contains(n)).forEach(n -> parts.add("intent " + n + " removed"));
        for (TriageRules.Intent intent : after.intents()) {
            before.intents().stream().filter(i -> i.name().equals(intent.name()) && !i.equals(intent)).findFirst()
                    .ifPresent(i -> parts.add("intent " + intent.name() + " changed"));
        }
        if (!old.equals(now) && parts.isEmpty()) {
            parts.add("intents reordered");
        }
        if (before.minimumScore() != after.minimumScore()) {
            parts.add("minimumScore " + before.minimumScore() + " → " + after.minimumScore());
        }
        if (!Objects.equals(before.misspellings(), after.misspellings())) {
            parts.add("misspellings changed");
        }
        if (!Objects.equals(before.escalation(), after.escalation())) {
            parts.add("escalation changed");
        }
        if (!Objects.equals(before.actions(), after.actions())) {
            parts.add("actions changed");
        }
        return parts.isEmpty() ? "saved unchanged" : String.join("; ", parts);
    }

    /** @param version 0 for the defaults shipped with Switchboard */
    record InForce(int version, TriageEngine engine) {
    }

    record Change(int version, String changedBy, Instant changedAt, String summary) {
    }
}
