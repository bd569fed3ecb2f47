package dev.switchboard.triage;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.switchboard.database.VersionedDocuments;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The rules in force and their history. Saving writes a new version (never an update), so every change is
 * kept with who made it; nodes pick a new version up on the next message, reading only its number.
 */
@Component
class TriageRuleStore {

    private static final VersionedDocuments.Sql SQL = new VersionedDocuments.Sql(
            "SELECT coalesce(max(version), 0) FROM triage_rule_versions",
            "SELECT rules::text FROM triage_rule_versions WHERE version = :version",
            """
            INSERT INTO triage_rule_versions (version, rules, changed_by, changed_at, summary)
            VALUES (:version, CAST(:document AS jsonb), :by, :at, :summary)
            ON CONFLICT (version) DO NOTHING
            """,
            "SELECT version, changed_by, changed_at, summary FROM triage_rule_versions ORDER BY version DESC LIMIT :limit");

    private final VersionedDocuments<TriageRules, InForce> versions;

    TriageRuleStore(JdbcClient jdbc, Clock clock) {
        this.versions = new VersionedDocuments<>(jdbc, clock, SQL, "triage rules", "triage-rules-changed", TriageRules::read,
                TriageRules::toJson, TriageRules.defaults(), (version, rules) -> new InForce(version, TriageEngine.of(rules)),
                InForce::version, inForce -> inForce.engine().rules());
    }

    /**
     * The rules in force, compiled once per version. Within a transaction (the conversation model applies a
     * batch of messages in one) the version is read once, and every message of the batch is judged alike.
     */
    InForce current() {
        return versions.current();
    }

    /**
     * Saves the rules as the next version after {@code basedOn}; refused if someone saved another meanwhile,
     * so nobody overwrites a change they have not seen.
     */
    InForce save(TriageRules rules, int basedOn, String by) {
        return versions.save(rules, basedOn, by, TriageRuleStore::summary);
    }

    List<VersionedDocuments.Change> history(int limit) {
        return versions.history(limit);
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
}
