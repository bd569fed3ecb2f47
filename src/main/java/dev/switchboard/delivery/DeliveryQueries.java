package dev.switchboard.delivery;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What operators read: deliveries by filter, one with its event and attempts. */
@Repository
class DeliveryQueries {

    /** Every part of a {@link DeliveryFilter}, each switched off by a null parameter. */
    static final String FILTER = """
            WHERE (CAST(:status AS text) IS NULL OR d.status = :status)
              AND (CAST(:destination AS text) IS NULL OR d.destination = :destination)
              AND (CAST(:eventType AS text) IS NULL OR e.event_type = :eventType)
              AND (CAST(:lastError AS text) IS NULL OR d.last_error = :lastError)
              AND (CAST(:from AS timestamptz) IS NULL OR d.created_at >= :from)
              AND (CAST(:to AS timestamptz) IS NULL OR d.created_at < :to)
            """;
    static final String LIST = """
            SELECT d.id, d.event_id, e.event_type, d.destination, d.status, d.attempts, d.created_at, d.next_attempt_at,
                   d.delivered_at, d.dead_at, d.last_error, d.replay_id
            FROM deliveries d JOIN stored_events e ON e.id = d.event_id
            """ + FILTER + """
              AND (CAST(:before AS uuid) IS NULL OR d.id < :before)
            ORDER BY d.id DESC LIMIT :limit
            """;
    static final String COUNT = "SELECT count(*) FROM deliveries d JOIN stored_events e ON e.id = d.event_id " + FILTER;
    private static final String ONE = """
            SELECT d.id, d.event_id, e.event_type, d.destination, d.status, d.attempts, d.created_at, d.next_attempt_at,
                   d.delivered_at, d.dead_at, d.last_error, d.replay_id
            FROM deliveries d JOIN stored_events e ON e.id = d.event_id WHERE d.id = :id
            """;
    private static final String EVENT = """
            SELECT e.id, e.event_type, e.account_id, e.conversation_id, e.message_id, e.chatwoot_delivery_id, e.signature, e.received_at, e.body
            FROM stored_events e WHERE e.id = :id
            """;
    private static final String ATTEMPTS = """
            SELECT number, started_at, duration_ms, status_code, outcome_class, response_excerpt
            FROM delivery_attempts WHERE delivery_id = :id ORDER BY number
            """;

    private final JdbcClient jdbc;

    DeliveryQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<DeliveryView> list(DeliveryFilter filter, UUID before, int limit) {
        return bind(jdbc.sql(LIST), filter).param("before", before).param("limit", limit).query(DeliveryView.class).list();
    }

    long count(DeliveryFilter filter) {
        return bind(jdbc.sql(COUNT), filter).query(Long.class).single();
    }

    /** The delivery alone, without its event or attempts. */
    Optional<DeliveryView> view(UUID id) {
        return jdbc.sql(ONE).param("id", id).query(DeliveryView.class).optional();
    }

    Optional<DeliveryDetail> find(UUID id) {
        return view(id).map(delivery -> {
            EventView event = jdbc.sql(EVENT).param("id", delivery.eventId()).query((rs, n) -> new EventView(
                    rs.getObject("id", UUID.class), rs.getString("event_type"), (Long) rs.getObject("account_id"),
                    (Long) rs.getObject("conversation_id"), (Long) rs.getObject("message_id"), rs.getString("chatwoot_delivery_id"),
                    rs.getString("signature"), rs.getTimestamp("received_at").toInstant(),
                    SensitiveFields.masked(rs.getBytes("body")))).single();
            List<AttemptView> attempts = jdbc.sql(ATTEMPTS).param("id", id).query(AttemptView.class).list();
            return new DeliveryDetail(delivery, event, attempts);
        });
    }

    /** Just the status, for decisions that need nothing else (no body to mask, no attempts to read). */
    Optional<DeliveryStatus> status(UUID id) {
        return jdbc.sql("SELECT status FROM deliveries WHERE id = :id").param("id", id)
                .query((rs, n) -> DeliveryStatus.valueOf(rs.getString("status"))).optional();
    }

    /** Every destination deliveries were ever made for, configured now or not, for the pages' filter. */
    List<String> destinationNames() {
        return jdbc.sql("SELECT name FROM delivery_destinations ORDER BY name").query(String.class).list();
    }

    static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql, DeliveryFilter filter) {
        return sql.param("status", filter.statusName())
                .param("destination", filter.destination())
                .param("eventType", filter.eventType())
                .param("lastError", filter.lastError())
                .param("from", filter.from() == null ? null : Timestamp.from(filter.from()))
                .param("to", filter.to() == null ? null : Timestamp.from(filter.to()));
    }

    record DeliveryView(UUID id, UUID eventId, String eventType, String destination, DeliveryStatus status, int attempts,
                        Instant createdAt, Instant nextAttemptAt, Instant deliveredAt, Instant deadAt, String lastError,
                        UUID replayId) {
    }

    record EventView(UUID id, String eventType, Long accountId, Long conversationId, Long messageId, String chatwootDeliveryId,
                     String signature, Instant receivedAt, String body) {
    }

    record AttemptView(int number, Instant startedAt, int durationMs, Integer statusCode, String outcomeClass,
                       String responseExcerpt) {
    }

    record DeliveryDetail(DeliveryView delivery, EventView event, List<AttemptView> attempts) {
    }
}
