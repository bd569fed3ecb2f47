package dev.switchboard.sla;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.switchboard.database.PollingWorker;
import dev.switchboard.database.WakeUp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Subjects whose clocks are to be computed again, queued in their owner's transaction and computed after it commits,
 * a batch at a time: the conversation model queues each batch's conversations with one statement and never waits for
 * the clocks, and a conversation that changed many times meanwhile is computed once. Woken on this node after the
 * queueing transaction commits; other nodes' queueing is found at the next poll. Tests stop it and call {@link #runOnce}.
 */
@Component
class PendingClocks extends PollingWorker {

    private static final int BATCH = 500;
    private static final String QUEUE = """
            INSERT INTO sla_pending (subject_kind, subject_key, queued_at)
            SELECT :kind, k, :now FROM unnest(CAST(:keys AS text[])) AS k ON CONFLICT DO NOTHING
            """;
    private static final String TAKE = """
            DELETE FROM sla_pending WHERE (subject_kind, subject_key) IN (
                SELECT subject_kind, subject_key FROM sla_pending ORDER BY queued_at LIMIT :limit FOR UPDATE SKIP LOCKED)
            RETURNING subject_kind, subject_key
            """;
    private static final String BACKLOG = "SELECT count(*) FROM sla_pending";

    private final JdbcClient jdbc;
    private final SlaClocks clocks;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final WakeUp wakeUp;

    @Autowired
    PendingClocks(JdbcClient jdbc, @Lazy SlaClocks clocks, PlatformTransactionManager transactions, Clock clock) {
        this(jdbc, clocks, transactions, clock, new WakeUp());
    }

    private PendingClocks(JdbcClient jdbc, SlaClocks clocks, PlatformTransactionManager transactions, Clock clock, WakeUp wakeUp) {
        super("sla-pending", wakeUp, Duration.ofSeconds(1), BATCH);
        this.jdbc = jdbc;
        this.clocks = clocks;
        this.transactions = new TransactionTemplate(transactions);
        this.clock = clock;
        this.wakeUp = wakeUp;
    }

    /** Queues the subjects in the caller's transaction; this node computes them once it commits. */
    void queue(SubjectKind kind, Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        jdbc.sql(QUEUE).param("kind", kind.name()).param("keys", new org.springframework.jdbc.support.SqlArrayValue("text", keys.toArray()))
                .param("now", Timestamp.from(clock.instant())).update();
        wakeUp.afterCommit();
    }

    /** Computes up to a batch of queued subjects in one transaction. @return how many */
    @Override
    public int runOnce() {
        Integer taken = transactions.execute(status -> {
            Map<SubjectKind, List<String>> byKind = new EnumMap<>(SubjectKind.class);
            jdbc.sql(TAKE).param("limit", BATCH).query(rs -> {
                byKind.computeIfAbsent(SubjectKind.valueOf(rs.getString(1)), k -> new ArrayList<>()).add(rs.getString(2));
            });
            byKind.forEach(clocks::changed);
            return byKind.values().stream().mapToInt(List::size).sum();
        });
        return taken == null ? 0 : taken;
    }

    /** Subjects queued and not yet computed. */
    long backlog() {
        return jdbc.sql(BACKLOG).query(Long.class).single();
    }
}
