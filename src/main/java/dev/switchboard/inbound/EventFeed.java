package dev.switchboard.inbound;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The event log for features that follow it inside Switchboard. A subscriber gets every event stored after
 * it subscribed, queued by the statement that stored the event; it takes them in its own transaction, so
 * what it took comes back if that rolls back. Older events it reads with {@link #page}.
 */
@Component
public class EventFeed {

    private static final String SUBSCRIBE = """
            INSERT INTO event_subscribers (name, created_at) VALUES (:name, :now) ON CONFLICT (name) DO NOTHING
            """;
    private static final String TAKE = """
            WITH taken AS (
                DELETE FROM event_feed f
                WHERE f.subscriber = :subscriber
                  AND f.event_id IN (SELECT event_id FROM event_feed WHERE subscriber = :subscriber
                                     ORDER BY received_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                RETURNING f.event_id, f.queued_at)
            SELECT e.id, e.event_type, e.account_id, e.conversation_id, e.received_at, e.body,
                   extract(epoch FROM clock_timestamp() - t.queued_at) * 1000 AS queued_millis
            FROM events e JOIN taken t ON t.event_id = e.id
            ORDER BY e.received_at, e.id
            """;
    private static final String PAGE = """
            SELECT id, event_type, account_id, conversation_id, received_at, body FROM events
            WHERE received_at >= :since AND (received_at, id) > (:afterAt, :afterId)
            ORDER BY received_at, id LIMIT :limit
            """;
    private static final String FOR_CONVERSATION = """
            SELECT id, event_type, account_id, conversation_id, received_at, body FROM events
            WHERE account_id = :account AND conversation_id = :conversation
            ORDER BY received_at DESC, id DESC LIMIT :limit
            """;
    private static final String BACKLOG = """
            SELECT count(*) AS waiting, min(received_at) AS oldest FROM event_feed WHERE subscriber = :subscriber
            """;

    private final JdbcClient jdbc;
    private final Clock clock;

    EventFeed(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** @return whether the subscription is new: events stored before it are the subscriber's to read by {@link #page} */
    public boolean subscribe(String subscriber) {
        return jdbc.sql(SUBSCRIBE).param("name", subscriber).param("now", Timestamp.from(clock.instant())).update() == 1;
    }

    /** Takes up to {@code limit} queued events, oldest first, in the caller's transaction. */
    public List<FedEvent> take(String subscriber, int limit) {
        return jdbc.sql(TAKE).param("subscriber", subscriber).param("limit", limit).query(EventFeed::taken).list();
    }

    /** Stored events received at or after {@code since}, after the given one, in the order they were received. */
    public List<FedEvent> page(Instant since, FedEvent after, int limit) {
        Instant afterAt = after == null ? Instant.EPOCH : after.receivedAt();
        UUID afterId = after == null ? new UUID(0, 0) : after.id();
        return jdbc.sql(PAGE).param("since", Timestamp.from(since)).param("afterAt", Timestamp.from(afterAt))
                .param("afterId", afterId).param("limit", limit).query(EventFeed::stored).list();
    }

    /** A conversation's events, newest first. */
    public List<FedEvent> forConversation(long accountId, long conversationId, int limit) {
        return jdbc.sql(FOR_CONVERSATION).param("account", accountId).param("conversation", conversationId)
                .param("limit", limit).query(EventFeed::stored).list();
    }

    public Backlog backlog(String subscriber) {
        return jdbc.sql(BACKLOG).param("subscriber", subscriber).query((rs, n) -> new Backlog(rs.getLong("waiting"),
                rs.getTimestamp("oldest") == null ? null : rs.getTimestamp("oldest").toInstant())).single();
    }

    /** A taken event, with how long it waited in the feed. */
    private static FedEvent taken(ResultSet rs, int n) throws SQLException {
        return event(rs, Duration.ofNanos(Math.max(0, Math.round(rs.getDouble("queued_millis") * 1_000_000))));
    }

    /** An event read from the log itself, which never waited in a feed. */
    private static FedEvent stored(ResultSet rs, int n) throws SQLException {
        return event(rs, null);
    }

    private static FedEvent event(ResultSet rs, Duration queued) throws SQLException {
        long account = rs.getLong("account_id");
        Long accountId = rs.wasNull() ? null : account;
        long conversation = rs.getLong("conversation_id");
        Long conversationId = rs.wasNull() ? null : conversation;
        return new FedEvent(rs.getObject("id", UUID.class), rs.getString("event_type"), accountId, conversationId,
                rs.getTimestamp("received_at").toInstant(), rs.getBytes("body"), queued);
    }

    /**
     * @param body   the raw body as received; not to be modified
     * @param queued how long it waited in the feed since the statement that stored it (by the database's clock);
     *               null when read by {@link #page}
     */
    public record FedEvent(UUID id, String eventType, Long accountId, Long conversationId, Instant receivedAt, byte[] body,
                           Duration queued) {
    }

    /** @param oldest when the oldest waiting event was received; null when none waits */
    public record Backlog(long waiting, Instant oldest) {
    }
}
