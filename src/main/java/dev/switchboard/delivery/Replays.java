package dev.switchboard.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

import dev.switchboard.database.UuidV7;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Replay: dead deliveries back in the queue, keeping their id (the webhook-id the destination
 * deduplicates on) and starting their schedule again. The rate cap is in the rows themselves: the n-th
 * replayed delivery becomes due n/rate seconds from now, so a replay of ten thousand neither floods the
 * agent nor needs a job that must survive restarts. Progress and cancel work on the replay's id.
 */
@Repository
class Replays {

    private static final String REPLAY = """
            WITH locked AS (
                SELECT d.id FROM deliveries d JOIN stored_events e ON e.id = d.event_id
            """ + DeliveryQueries.FILTER + """
                  AND (CAST(:only AS uuid) IS NULL OR d.id = :only)
                FOR UPDATE OF d SKIP LOCKED
            ), ordered AS (
                SELECT id, row_number() OVER (ORDER BY id) - 1 AS position FROM locked
            )
            UPDATE deliveries d
            SET status = 'PENDING', step = 0, lease_owner = NULL, dead_at = NULL, replay_id = :replay,
                next_attempt_at = CAST(:now AS timestamptz) + make_interval(secs => o.position / CAST(:rate AS float8))
            FROM ordered o WHERE d.id = o.id
            """;
    private static final String PROGRESS = """
            SELECT count(*) AS total,
                   count(*) FILTER (WHERE status = 'PENDING' AND step = 0) AS waiting,
                   count(*) FILTER (WHERE status = 'PENDING' AND step > 0) AS retrying,
                   count(*) FILTER (WHERE status = 'DELIVERED') AS delivered,
                   count(*) FILTER (WHERE status = 'DEAD') AS dead
            FROM deliveries WHERE replay_id = :replay
            """;
    private static final String CANCEL = """
            UPDATE deliveries SET status = 'DEAD', dead_at = :now, replay_id = NULL
            WHERE replay_id = :replay AND status = 'PENDING' AND step = 0 AND lease_owner IS NULL
            """;

    private final JdbcClient jdbc;
    private final Clock clock;

    Replays(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** @return how many dead deliveries were put back, under the returned replay id */
    Started start(DeliveryFilter filter, UUID only, int ratePerSecond) {
        UUID replay = UuidV7.next(clock);
        int count = DeliveryQueries.bind(jdbc.sql(REPLAY), filter.dead())
                .param("only", only).param("replay", replay).param("rate", ratePerSecond)
                .param("now", Timestamp.from(clock.instant())).update();
        return new Started(replay, count, ratePerSecond);
    }

    Progress progress(UUID replay) {
        return jdbc.sql(PROGRESS).param("replay", replay).query((rs, n) -> new Progress(replay, rs.getLong("total"),
                rs.getLong("waiting"), rs.getLong("retrying"), rs.getLong("delivered"), rs.getLong("dead"))).single();
    }

    /** Deliveries of the replay not yet attempted go back to dead. */
    int cancel(UUID replay) {
        return jdbc.sql(CANCEL).param("replay", replay).param("now", Timestamp.from(clock.instant())).update();
    }

    record Started(UUID replayId, int count, int ratePerSecond) {
    }

    record Progress(UUID replayId, long total, long waiting, long retrying, long delivered, long dead) {
        public boolean finished() {
            return waiting == 0 && retrying == 0;
        }
    }
}
