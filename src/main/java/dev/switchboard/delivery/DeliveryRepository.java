package dev.switchboard.delivery;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.switchboard.database.ArrayColumns;
import dev.switchboard.database.AsyncCommitDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * The deliveries queue. Claims and results are one statement each, in autocommit, however many
 * deliveries they carry: the statements per delivered event fall as the load rises. Both commit
 * asynchronously: a claim or result lost in a crash only makes its delivery due again (at least once,
 * same webhook-id), so waiting for the WAL flush would buy nothing.
 */
@Repository
class DeliveryRepository {

    /**
     * Up to {@code :limit} due deliveries of one destination. Retries are sure of a quarter of the
     * places, first attempts of the rest, and retries take whatever first attempts leave, so neither
     * starves the other and neither waits while places are free. The claim stamps the owner, moves
     * next_attempt_at to the end of the lease (an expired lease makes the delivery due again by itself)
     * and counts the attempt.
     */
    static final String CLAIM = """
            WITH first_attempts AS (
                SELECT id, next_attempt_at FROM deliveries
                WHERE status = 'PENDING' AND step = 0 AND destination = :destination AND next_attempt_at <= :now
                ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED
            ), retries AS (
                SELECT id, next_attempt_at, row_number() OVER (ORDER BY next_attempt_at) AS n FROM (
                    SELECT id, next_attempt_at FROM deliveries
                    WHERE status = 'PENDING' AND step > 0 AND destination = :destination AND next_attempt_at <= :now
                    ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED
                ) due_retries
            ), due AS (
                SELECT id FROM (
                    SELECT id, CASE WHEN n <= :retryPlaces THEN 0 ELSE 2 END AS lane, next_attempt_at FROM retries
                    UNION ALL
                    SELECT id, 1, next_attempt_at FROM first_attempts
                ) lanes
                ORDER BY lane, next_attempt_at LIMIT :limit
            )
            UPDATE deliveries d
            SET lease_owner = :owner, next_attempt_at = :leaseEnd, attempts = d.attempts + 1, step = d.step + 1
            FROM due, stored_events e
            WHERE d.id = due.id AND e.id = d.event_id
            RETURNING d.id, d.attempts, d.step, d.created_at, e.event_type, e.chatwoot_delivery_id, e.body
            """;

    /**
     * Records the attempts and moves the deliveries on, only where this node still holds the claim. The
     * {@code = ANY} repeats the ids so the planner, which cannot see how few rows unnest gives, still
     * finds them by primary key instead of scanning the table.
     */
    static final String COMPLETE = """
            WITH results AS (
                SELECT * FROM unnest(CAST(:ids AS uuid[]), CAST(:attempts AS int[]), CAST(:startedAt AS timestamptz[]),
                                     CAST(:durations AS int[]), CAST(:statusCodes AS int[]), CAST(:outcomes AS text[]),
                                     CAST(:excerpts AS text[]), CAST(:statuses AS text[]), CAST(:nextAt AS timestamptz[]))
                    AS r(id, attempt, started_at, duration_ms, status_code, outcome_class, excerpt, status, next_at)
            ), recorded AS (
                INSERT INTO delivery_attempts (delivery_id, number, started_at, duration_ms, status_code, outcome_class,
                                               response_excerpt)
                SELECT id, attempt, started_at, duration_ms, status_code, outcome_class, excerpt FROM results
                ON CONFLICT DO NOTHING
            )
            UPDATE deliveries d
            SET status = r.status,
                next_attempt_at = coalesce(r.next_at, d.next_attempt_at),
                delivered_at = CASE WHEN r.status = 'DELIVERED' THEN r.started_at END,
                dead_at = CASE WHEN r.status = 'DEAD' THEN r.started_at END,
                last_error = CASE WHEN r.status = 'DELIVERED' THEN NULL ELSE r.outcome_class END,
                lease_owner = NULL
            FROM results r
            WHERE d.id = r.id AND d.id = ANY (CAST(:ids AS uuid[])) AND d.lease_owner = :owner AND d.attempts = r.attempt
            RETURNING d.id
            """;

    /**
     * Gives back first attempts leased to this node at intake that it will not start soon (its slots
     * are full, its breaker is open, or it is stopping): due now, for any node, as if never claimed.
     */
    static final String RELEASE = """
            UPDATE deliveries SET lease_owner = NULL, next_attempt_at = :now, attempts = 0, step = 0
            WHERE id = ANY (CAST(:ids AS uuid[])) AND lease_owner = :owner AND status = 'PENDING' AND attempts = 1
            """;

    /** What a result writes, a column per array. */
    private static final ArrayColumns<Completion> RESULTS = new ArrayColumns<Completion>()
            .column("ids", "uuid", UUID.class, c -> c.delivery().id())
            .column("attempts", "int4", Integer.class, c -> c.delivery().attempts())
            .column("startedAt", "text", String.class, c -> c.result().startedAt().toString())
            .column("durations", "int4", Integer.class, c -> (int) Math.min(Integer.MAX_VALUE, c.result().duration().toMillis()))
            .column("statusCodes", "int4", Integer.class, c -> c.result().statusCode())
            .column("outcomes", "text", String.class, c -> c.result().outcomeClass())
            .column("excerpts", "text", String.class, c -> c.result().excerpt())
            .column("statuses", "text", String.class, c -> status(c.outcome()).name())
            .column("nextAt", "text", String.class, c -> c.outcome() instanceof AttemptOutcome.RetryLater(var at) ? at.toString() : null);

    private final NamedParameterJdbcTemplate jdbc;

    DeliveryRepository(AsyncCommitDataSource asyncCommit) {
        this.jdbc = new NamedParameterJdbcTemplate(new JdbcTemplate(asyncCommit.get()));
    }

    List<ClaimedDelivery> claim(Destination destination, int limit, String owner, Instant now) {
        if (limit <= 0) {
            return List.of();
        }
        var parameters = new MapSqlParameterSource().addValue("destination", destination.name())
                .addValue("now", Timestamp.from(now)).addValue("limit", limit).addValue("retryPlaces", Math.max(1, limit / 4))
                .addValue("owner", owner).addValue("leaseEnd", Timestamp.from(now.plus(destination.lease())));
        return jdbc.query(CLAIM, parameters, (rs, n) -> new ClaimedDelivery(rs.getObject("id", UUID.class), destination.name(),
                rs.getInt("attempts"), rs.getInt("step"), rs.getTimestamp("created_at").toInstant(), rs.getString("event_type"),
                rs.getString("chatwoot_delivery_id"), rs.getBytes("body")));
    }

    int release(List<ClaimedDelivery> deliveries, String owner, Instant now) {
        if (deliveries.isEmpty()) {
            return 0;
        }
        return jdbc.update(RELEASE, new MapSqlParameterSource().addValue("now", Timestamp.from(now)).addValue("owner", owner)
                .addValue("ids", new SqlArrayValue("uuid", deliveries.stream().map(ClaimedDelivery::id).toArray(UUID[]::new))));
    }

    /** @return the ids whose result was written; the others were no longer this node's */
    Set<UUID> complete(List<Completion> completions, String owner) {
        if (completions.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.query(COMPLETE, RESULTS.bind(completions, new MapSqlParameterSource("owner", owner)),
                (rs, n) -> rs.getObject(1, UUID.class)));
    }

    private static DeliveryStatus status(AttemptOutcome outcome) {
        return switch (outcome) {
            case AttemptOutcome.Delivered() -> DeliveryStatus.DELIVERED;
            case AttemptOutcome.Dead(var gone) -> DeliveryStatus.DEAD;
            case AttemptOutcome.RetryLater(var at) -> DeliveryStatus.PENDING;
        };
    }

    record Completion(ClaimedDelivery delivery, AttemptResult result, AttemptOutcome outcome) {
    }
}
