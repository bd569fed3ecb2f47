package dev.switchboard.database;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import dev.switchboard.refusal.Conflict;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A document ADMINs edit (triage rules, the SLA configuration) kept as versions: saving writes the next version (never
 * an update), with who saved it and what changed, and is refused when someone saved another since the version it was
 * based on. The highest version is in force, with none saved the defaults (version 0); it is compiled once per version
 * and read once per transaction, so a batch is judged by one version. The owner gives its own table's SQL.
 *
 * @param <C> the document in force as its owner uses it (compiled), which knows its version and document
 */
public final class VersionedDocuments<T, C> {

    /**
     * The owner's statements: the latest version's number ({@code coalesce(max(version), 0)}); one version's document as
     * text ({@code :version}); the insert of a version that does nothing when it exists ({@code :version :document :by
     * :at :summary}); the history, newest first ({@code :limit}; columns version, changed_by, changed_at, summary).
     */
    public record Sql(String latestVersion, String one, String insert, String history) {
    }

    /** What a save changed, in a line a person reads. */
    public record Change(int version, String changedBy, Instant changedAt, String summary) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Sql sql;
    private final String what;
    private final String refusal;
    private final Function<String, T> read;
    private final Function<T, String> write;
    private final T defaults;
    private final BiFunction<Integer, T, C> compile;
    private final ToIntFunction<C> versionOf;
    private final Function<C, T> documentOf;
    private final OncePerTransaction<C> inForce = new OncePerTransaction<>(this::load);
    private volatile C cached;

    /**
     * @param what    the document in words, for the refusal ("triage rules")
     * @param refusal the refusal's type when a save comes too late ("triage-rules-changed")
     * @param compile a version's document as its owner uses it; throws {@code Invalid} for a document that cannot be
     */
    public VersionedDocuments(JdbcClient jdbc, Clock clock, Sql sql, String what, String refusal, Function<String, T> read, Function<T, String> write,
                              T defaults, BiFunction<Integer, T, C> compile, ToIntFunction<C> versionOf, Function<C, T> documentOf) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.sql = sql;
        this.what = what;
        this.refusal = refusal;
        this.read = read;
        this.write = write;
        this.defaults = defaults;
        this.compile = compile;
        this.versionOf = versionOf;
        this.documentOf = documentOf;
    }

    public C current() {
        return inForce.get();
    }

    private C load() {
        int version = jdbc.sql(sql.latestVersion()).query(Integer.class).single();
        C held = cached;
        if (held != null && versionOf.applyAsInt(held) == version) {
            return held;
        }
        T document = version == 0 ? defaults : read.apply(jdbc.sql(sql.one()).param("version", version).query(String.class).single());
        C fresh = compile.apply(version, document);
        cached = fresh;
        return fresh;
    }

    /**
     * Saves the document as the next version after {@code basedOn}.
     *
     * @param summary what changed from the document in force to this one
     */
    public C save(T document, int basedOn, String by, BiFunction<T, T, String> summary) {
        C saved = compile.apply(basedOn + 1, document);
        C before = current();
        if (versionOf.applyAsInt(before) != basedOn) {
            throw new Conflict(refusal, "Version " + versionOf.applyAsInt(before) + " of the " + what + " was saved since you loaded version "
                    + basedOn + ": load it again and reapply your change.");
        }
        int inserted = jdbc.sql(sql.insert()).param("version", basedOn + 1).param("document", write.apply(document)).param("by", by)
                .param("at", Timestamp.from(clock.instant())).param("summary", summary.apply(documentOf.apply(before), document)).update();
        if (inserted == 0) {
            throw new Conflict(refusal, "Someone saved version " + (basedOn + 1) + " of the " + what + " at the same moment: load it again.");
        }
        cached = saved;
        return saved;
    }

    public List<Change> history(int limit) {
        return jdbc.sql(sql.history()).param("limit", limit).query((rs, n) -> new Change(rs.getInt("version"), rs.getString("changed_by"),
                rs.getTimestamp("changed_at").toInstant(), rs.getString("summary"))).list();
    }
}
