package dev.switchboard.support;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Test rows written straight into the tables, for tests that need a state the service would take long to
 * reach (a month-old event, a dead delivery with its attempt): {@code anEvent().ofType("message_created")
 * .receivedAt(t).insert(jdbc)}. Each builder knows its table's columns, so a renamed column is changed here
 * once. Events inserted here go through the fan-out trigger like any other.
 */
public final class Rows {

    private Rows() {
    }

    public static EventRow anEvent() {
        return new EventRow();
    }

    public static DeliveryRow aDelivery() {
        return new DeliveryRow();
    }

    public static AttemptRow anAttempt() {
        return new AttemptRow();
    }

    /** A destination no node configures, so no worker ever takes its deliveries. */
    public static void anInactiveDestination(JdbcClient jdbc, String name, Instant at) {
        jdbc.sql("""
                INSERT INTO delivery_destinations (name, events, active, updated_at) VALUES (:name, NULL, false, :at)
                ON CONFLICT (name) DO NOTHING""").param("name", name).param("at", Timestamp.from(at)).update();
    }

    public static final class EventRow {
        private UUID id;
        private String type = "message_created";
        private Instant receivedAt = Instant.parse("2026-07-20T10:00:00Z");
        private String body = "{}";
        private String storedBy;
        private Long accountId;
        private Long conversationId;

        public EventRow withId(UUID id) {
            this.id = id;
            return this;
        }

        public EventRow ofType(String type) {
            this.type = type;
            return this;
        }

        public EventRow receivedAt(Instant at) {
            this.receivedAt = at;
            return this;
        }

        public EventRow withBody(String json) {
            this.body = json;
            return this;
        }

        /** The node that received it, which the trigger leases the first attempts to; none by default. */
        public EventRow storedBy(String node) {
            this.storedBy = node;
            return this;
        }

        public EventRow inConversation(long account, long conversation) {
            this.accountId = account;
            this.conversationId = conversation;
            return this;
        }

        /** @return the event's id */
        public UUID insert(JdbcClient jdbc) {
            return jdbc.sql("""
                    INSERT INTO events (id, dedupe_key, event_type, account_id, conversation_id, signature, received_at, body, stored_by)
                    VALUES (coalesce(CAST(:id AS uuid), uuid_v7(:at)), :key, :type, CAST(:account AS bigint), CAST(:conversation AS bigint),
                            'verified', :at, :body, CAST(:node AS text))
                    RETURNING id""")
                    .param("id", id).param("key", "test-row:" + UUID.randomUUID()).param("type", type)
                    .param("account", accountId).param("conversation", conversationId).param("at", Timestamp.from(receivedAt))
                    .param("body", body.getBytes(StandardCharsets.UTF_8)).param("node", storedBy)
                    .query(UUID.class).single();
        }

        /** {@code n} such events in one statement, each body numbered ({@code "id": i}). */
        public void insertTimes(JdbcClient jdbc, int n) {
            jdbc.sql("""
                    INSERT INTO events (id, dedupe_key, event_type, account_id, signature, received_at, body, stored_by)
                    SELECT uuid_v7(:at), 'test-row:' || gen_random_uuid(), :type, 1, 'verified', :at,
                           convert_to('{"event":"' || :type || '","id":' || i || '}', 'UTF8'), CAST(:node AS text)
                    FROM generate_series(1, :n) i""")
                    .param("type", type).param("at", Timestamp.from(receivedAt)).param("node", storedBy).param("n", n).update();
        }
    }

    public static final class DeliveryRow {
        private UUID eventId;
        private String destination = "agent";
        private String status = "PENDING";
        private int attempts;
        private int step;
        private Instant due;
        private Instant createdAt = Instant.parse("2026-07-20T10:00:00Z");
        private String lastError;

        public DeliveryRow forEvent(UUID eventId) {
            this.eventId = eventId;
            return this;
        }

        public DeliveryRow to(String destination) {
            this.destination = destination;
            return this;
        }

        /** DEAD also sets when it died (its creation) and a 5xx last error unless one is given. */
        public DeliveryRow withStatus(String status) {
            this.status = status;
            return this;
        }

        /** How many attempts were made, which is also the step of the retry schedule it is on. */
        public DeliveryRow afterAttempts(int attempts) {
            this.attempts = attempts;
            this.step = attempts;
            return this;
        }

        public DeliveryRow due(Instant at) {
            this.due = at;
            return this;
        }

        public DeliveryRow createdAt(Instant at) {
            this.createdAt = at;
            return this;
        }

        public DeliveryRow lastError(String outcomeClass) {
            this.lastError = outcomeClass;
            return this;
        }

        /** With an event of its own (of a type nobody subscribes to) when none was given. @return its id */
        public UUID insert(JdbcClient jdbc) {
            UUID event = eventId != null ? eventId
                    : anEvent().ofType("contact_updated").receivedAt(createdAt).insert(jdbc);
            boolean dead = "DEAD".equals(status);
            return jdbc.sql("""
                    INSERT INTO deliveries (id, event_id, destination, status, attempts, step, next_attempt_at, created_at,
                                            dead_at, last_error)
                    VALUES (uuid_v7(:at), :event, :destination, :status, :attempts, :step, :due, :at, CAST(:deadAt AS timestamptz),
                            CAST(:lastError AS text))
                    RETURNING id""")
                    .param("at", Timestamp.from(createdAt)).param("event", event).param("destination", destination)
                    .param("status", status).param("attempts", attempts).param("step", step)
                    .param("due", Timestamp.from(due == null ? createdAt : due))
                    .param("deadAt", dead ? Timestamp.from(createdAt) : null)
                    .param("lastError", lastError != null ? lastError : dead ? "5xx" : null)
                    .query(UUID.class).single();
        }
    }

    public static final class AttemptRow {
        private UUID deliveryId;
        private int number = 1;
        private Instant startedAt = Instant.parse("2026-07-20T10:00:00Z");
        private Integer statusCode;
        private String outcomeClass = "2xx";
        private String excerpt;

        public AttemptRow of(UUID deliveryId) {
            this.deliveryId = deliveryId;
            return this;
        }

        public AttemptRow number(int number) {
            this.number = number;
            return this;
        }

        public AttemptRow startedAt(Instant at) {
            this.startedAt = at;
            return this;
        }

        /** @param outcomeClass {@code 2xx 3xx 4xx 5xx timeout connect tls io} */
        public AttemptRow withOutcome(String outcomeClass) {
            this.outcomeClass = outcomeClass;
            return this;
        }

        public AttemptRow answered(int statusCode, String excerpt) {
            this.statusCode = statusCode;
            this.excerpt = excerpt;
            return this;
        }

        public void insert(JdbcClient jdbc) {
            jdbc.sql("""
                    INSERT INTO delivery_attempts (delivery_id, number, started_at, duration_ms, status_code, outcome_class,
                                                   response_excerpt)
                    VALUES (:id, :number, :at, 42, CAST(:status AS integer), :outcome, CAST(:excerpt AS text))""")
                    .param("id", deliveryId == null ? UUID.randomUUID() : deliveryId).param("number", number)
                    .param("at", Timestamp.from(startedAt)).param("status", statusCode).param("outcome", outcomeClass)
                    .param("excerpt", excerpt).update();
        }
    }
}
