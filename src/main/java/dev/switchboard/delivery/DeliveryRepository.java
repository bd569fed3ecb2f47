package dev.switchboard.delivery;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.switchboard.database.AsyncCommitDataSource;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
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
                WHERE status = 'PENDING' AND step = 0 AND destination = ? AND next_attempt_at <= ?
                ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED
            ), retries AS (
                SELECT id, next_attempt_at, row_number() OVER (ORDER BY next_attempt_at) AS n FROM (
                    SELECT id, next_attempt_at FROM deliveries
                    WHERE status = 'PENDING' AND step > 0 AND destination = ? AND next_attempt_at <= ?
                    ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED
                ) due_retries
            ), due AS (
                SELECT id FROM (
                    SELECT id, CASE WHEN n <= ? THEN 0 ELSE 2 END AS lane, next_attempt_at FROM retries
                    UNION ALL
                    SELECT id, 1, next_attempt_at FROM first_attempts
                ) lanes
                ORDER BY lane, next_attempt_at LIMIT ?
            )
            UPDATE deliveries d
            SET lease_owner = ?, next_attempt_at = ?, attempts = d.attempts + 1, step = d.step + 1
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
                SELECT * FROM unnest(?::uuid[], ?::int[], ?::timestamptz[], ?::int[], ?::int[], ?::text[], ?::text[],
                                     ?::text[], ?::timestamptz[])
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
            WHERE d.id = r.id AND d.id = ANY (?::uuid[]) AND d.lease_owner = ? AND d.attempts = r.attempt
            RETURNING d.id
            """;

    /**
     * Gives back first attempts leased to this node at intake that it will not start soon (its slots
     * are full, its breaker is open, or it is stopping): due now, for any node, as if never claimed.
     */
    static final String RELEASE = """
            UPDATE deliveries SET lease_owner = NULL, next_attempt_at = ?, attempts = 0, step = 0
            WHERE id = ANY (?::uuid[]) AND lease_owner = ? AND status = 'PENDING' AND attempts = 1
            """;

    private final JdbcTemplate jdbc;

    DeliveryRepository(AsyncCommitDataSource asyncCommit) {
        this.jdbc = new JdbcTemplate(asyncCommit.get());
    }

    List<ClaimedDelivery> claim(Destination destination, int limit, String owner, Instant now) {
        if (limit <= 0) {
            return List.of();
        }
        Timestamp at = Timestamp.from(now);
        int retryPlaces = Math.max(1, limit / 4);
        return jdbc.query(CLAIM, statement -> {
            statement.setString(1, destination.name());
            statement.setTimestamp(2, at);
            statement.setInt(3, limit);
            statement.setString(4, destination.name());
            statement.setTimestamp(5, at);
            statement.setInt(6, limit);
            statement.setInt(7, retryPlaces);
            statement.setInt(8, limit);
            statement.setString(9, owner);
            statement.setTimestamp(10, Timestamp.from(now.plus(destination.lease())));
        }, (rs, n) -> new ClaimedDelivery(rs.getObject("id", UUID.class), destination.name(), rs.getInt("attempts"),
                rs.getInt("step"), rs.getTimestamp("created_at").toInstant(), rs.getString("event_type"),
                rs.getString("chatwoot_delivery_id"), rs.getBytes("body")));
    }

    int release(List<ClaimedDelivery> deliveries, String owner, Instant now) {
        if (deliveries.isEmpty()) {
            return 0;
        }
        return jdbc.execute((ConnectionCallback<Integer>) connection -> {
            try (PreparedStatement statement = connection.prepareStatement(RELEASE)) {
                statement.setTimestamp(1, Timestamp.from(now));
                statement.setArray(2, connection.createArrayOf("uuid", deliveries.stream().map(ClaimedDelivery::id).toArray()));
                statement.setString(3, owner);
                return statement.executeUpdate();
            }
        });
    }

    /** @return the ids whose result was written; the others were no longer this node's */
    Set<UUID> complete(List<Completion> completions, String owner) {
        if (completions.isEmpty()) {
            return Set.of();
        }
        return jdbc.execute((ConnectionCallback<Set<UUID>>) connection -> complete(connection, completions, owner));
    }

    private static Set<UUID> complete(Connection connection, List<Completion> completions, String owner) throws SQLException {
        int n = completions.size();
        UUID[] ids = new UUID[n];
        Integer[] attempts = new Integer[n];
        String[] started = new String[n];
        Integer[] durations = new Integer[n];
        Integer[] codes = new Integer[n];
        String[] classes = new String[n];
        String[] excerpts = new String[n];
        String[] statuses = new String[n];
        String[] nextAt = new String[n];
        for (int i = 0; i < n; i++) {
            Completion c = completions.get(i);
            ids[i] = c.delivery().id();
            attempts[i] = c.delivery().attempts();
            started[i] = c.result().startedAt().toString();
            durations[i] = (int) Math.min(Integer.MAX_VALUE, c.result().duration().toMillis());
            codes[i] = c.result().statusCode();
            classes[i] = c.result().outcomeClass();
            excerpts[i] = c.result().excerpt();
            switch (c.outcome()) {
                case AttemptOutcome.Delivered() -> statuses[i] = DeliveryStatus.DELIVERED.name();
                case AttemptOutcome.Dead(var gone) -> statuses[i] = DeliveryStatus.DEAD.name();
                case AttemptOutcome.RetryLater(var at) -> {
                    statuses[i] = DeliveryStatus.PENDING.name();
                    nextAt[i] = at.toString();
                }
            }
        }
        Set<UUID> written = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(COMPLETE)) {
            Array[] arrays = {connection.createArrayOf("uuid", ids), connection.createArrayOf("int4", attempts),
                    connection.createArrayOf("text", started), connection.createArrayOf("int4", durations),
                    connection.createArrayOf("int4", codes), connection.createArrayOf("text", classes),
                    connection.createArrayOf("text", excerpts), connection.createArrayOf("text", statuses),
                    connection.createArrayOf("text", nextAt)};
            for (int i = 0; i < arrays.length; i++) {
                statement.setArray(i + 1, arrays[i]);
            }
            statement.setArray(arrays.length + 1, arrays[0]);
            statement.setString(arrays.length + 2, owner);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    written.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return written;
    }

    record Completion(ClaimedDelivery delivery, AttemptResult result, AttemptOutcome outcome) {
    }
}
