package dev.switchboard.inbound;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

import dev.switchboard.database.UuidV7;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Events Switchboard raises itself, for the destinations that subscribe to their type (the agent hears of each
 * draft decided this way). Written in the caller's transaction, so the event exists exactly when what it tells
 * of does; the delivery trigger enqueues its deliveries in the same statement and wakes the nodes. Their
 * signature column says {@code internal}: no Chatwoot signature covers them.
 */
@Component
public class InternalEvents {

    private static final String INSERT = """
            INSERT INTO events (id, dedupe_key, event_type, account_id, conversation_id, signature, received_at, body)
            VALUES (:id, :key, :type, :account, :conversation, 'internal', :at, :body)
            ON CONFLICT DO NOTHING
            """;

    private final JdbcClient jdbc;
    private final Clock clock;

    InternalEvents(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * @param dedupeKey the same key twice stores one event
     * @return the event's id; null when an event with that key exists already
     */
    public UUID record(String eventType, String dedupeKey, Long accountId, Long conversationId, byte[] body) {
        UUID id = UuidV7.next(clock);
        int stored = jdbc.sql(INSERT).param("id", id).param("key", "internal:" + dedupeKey).param("type", eventType)
                .param("account", accountId).param("conversation", conversationId)
                .param("at", Timestamp.from(clock.instant())).param("body", body).update();
        return stored == 1 ? id : null;
    }
}
