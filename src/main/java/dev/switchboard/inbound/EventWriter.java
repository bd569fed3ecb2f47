package dev.switchboard.inbound;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.switchboard.database.ArrayColumns;
import dev.switchboard.database.NodeIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes events with group commit. With synchronous commit on, one transaction per webhook spends most
 * of its time waiting for its own WAL flush; here the webhooks that arrive while a transaction commits
 * wait in a queue and go into the next one together, as one multi-row {@code INSERT … ON CONFLICT DO
 * NOTHING}. Each webhook is answered only after the statement holding its row has committed.
 */
@Component
class EventWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventWriter.class);
    private static final int QUEUE_CAPACITY = 20_000;

    static final String INSERT_EVENTS = """
            INSERT INTO events (id, dedupe_key, chatwoot_delivery_id, event_type, account_id, conversation_id, message_id,
                                signature, received_at, body, stored_by)
            SELECT *, :storedBy FROM unnest(CAST(:ids AS uuid[]), CAST(:keys AS text[]), CAST(:chatwootDeliveryIds AS text[]),
                                            CAST(:eventTypes AS text[]), CAST(:accounts AS int8[]), CAST(:conversations AS int8[]),
                                            CAST(:messages AS int8[]), CAST(:signatures AS text[]),
                                            CAST(:receivedAt AS timestamptz[]), CAST(:bodies AS bytea[]))
            ON CONFLICT DO NOTHING
            RETURNING id
            """;

    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    /** What a batch of events writes, a column per array. */
    private static final ArrayColumns<NewEvent> COLUMNS = new ArrayColumns<NewEvent>()
            .column("ids", "uuid", UUID.class, NewEvent::id)
            .column("keys", "text", String.class, e -> e.parsed().dedupeKey())
            .column("chatwootDeliveryIds", "text", String.class, NewEvent::deliveryId)
            .column("eventTypes", "text", String.class, e -> e.parsed().eventType())
            .column("accounts", "int8", Long.class, e -> e.parsed().accountId())
            .column("conversations", "int8", Long.class, e -> e.parsed().conversationId())
            .column("messages", "int8", Long.class, e -> e.parsed().messageId())
            .column("signatures", "text", String.class, e -> e.signature().column())
            .column("receivedAt", "text", String.class, e -> e.receivedAt().toString())
            .column("bodies", "bytea", byte[].class, NewEvent::body);

    private final NamedParameterJdbcTemplate jdbc;
    private final ApplicationEventPublisher publisher;
    private final InboundMetrics metrics;
    private final int batchSize;
    private final int threads;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;

    EventWriter(JdbcTemplate jdbc, ApplicationEventPublisher publisher, InboundMetrics metrics, InboundProperties properties) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
        this.publisher = publisher;
        this.metrics = metrics;
        this.batchSize = properties.batchSize();
        this.threads = properties.writerThreads();
        metrics.queueDepth(queue::size);
    }

    /** Completes once the event is committed (or found to be a duplicate); fails when it could not be. */
    CompletableFuture<StoreOutcome> store(NewEvent event) {
        CompletableFuture<StoreOutcome> result = new CompletableFuture<>();
        if (!running || !queue.offer(new Pending(event, result))) {
            result.completeExceptionally(new IllegalStateException(running ? "event queue is full" : "event writer is stopped"));
        }
        return result;
    }

    private void work() {
        List<Pending> batch = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Event writer failed on a batch of {}; its webhooks were answered 503", batch.size(), e);
                batch.forEach(p -> p.result().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        try {
            Set<UUID> inserted = insert(batch);
            metrics.batchWritten(batch.size());
            complete(batch, inserted);
        } catch (RuntimeException batchFailure) {
            if (batch.size() == 1) {
                throw batchFailure;
            }
            // One bad row must not cost the others their acknowledgement: write them one by one.
            log.warn("A batch of {} events failed ({}); writing them one at a time", batch.size(), batchFailure.toString());
            for (Pending pending : batch) {
                try {
                    complete(List.of(pending), insert(List.of(pending)));
                } catch (RuntimeException e) {
                    log.error("Could not store event {} ({})", pending.event().id(), pending.event().parsed().eventType(), e);
                    pending.result().completeExceptionally(e);
                }
            }
        }
    }

    /**
     * One statement in autocommit: it is its own transaction, and the delivery trigger on {@code events}
     * enqueues the deliveries inside it, so there is no BEGIN or COMMIT round trip to pay.
     */
    private Set<UUID> insert(List<Pending> batch) {
        Set<UUID> inserted = new HashSet<>(jdbc.query(INSERT_EVENTS, COLUMNS.bind(batch.stream().map(Pending::event).toList(),
                new MapSqlParameterSource("storedBy", NodeIdentity.id())), (rs, n) -> rs.getObject(1, UUID.class)));
        if (!inserted.isEmpty()) {
            publisher.publishEvent(new EventsStored(batch.stream()
                    .filter(p -> inserted.contains(p.event().id()))
                    .map(p -> p.event().toStored())
                    .toList()));
        }
        return inserted;
    }

    private void complete(List<Pending> batch, Set<UUID> inserted) {
        for (Pending pending : batch) {
            UUID id = pending.event().id();
            pending.result().complete(inserted.contains(id) ? new StoreOutcome.Stored(id) : new StoreOutcome.Duplicate());
        }
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < threads; i++) {
            Thread worker = Thread.ofPlatform().name("event-writer-" + i).daemon(false).start(this::work);
            workers.add(worker);
        }
    }

    /** Runs after the web server has stopped taking requests: what is queued is still written. */
    @Override
    public void stop() {
        running = false;
        for (Thread worker : workers) {
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
        Pending left;
        while ((left = queue.poll()) != null) {
            left.result().completeExceptionally(new IllegalStateException("event writer stopped"));
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before, and stops after, the web server (whose lifecycle phases are near Integer.MAX_VALUE). */
    @Override
    public int getPhase() {
        return 0;
    }

    private record Pending(NewEvent event, CompletableFuture<StoreOutcome> result) {
    }
}
