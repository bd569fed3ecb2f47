package dev.switchboard.conversation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import dev.switchboard.database.PollingWorker;
import dev.switchboard.database.WakeUp;
import dev.switchboard.inbound.EventFeed;
import dev.switchboard.inbound.EventFeed.FedEvent;
import dev.switchboard.inbound.EventsStored;
import dev.switchboard.sla.SlaClocks;
import dev.switchboard.sla.SubjectKind;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the read model up with the event log: takes queued events in batches after the intake committed
 * them, and applies each in a savepoint of the batch's transaction, so one event that cannot be applied is
 * recorded as skipped and does not hold the others back. Woken by this node's intake; events other nodes
 * stored are found at the next poll. The time from an event's commit to its place in the model (what it waited
 * in the feed, by the database's clock, plus the batch's own time) is the {@code switchboard.conversation.lag} metric.
 */
@Component
class ConversationProjector extends PollingWorker {

    static final String SUBSCRIBER = "conversation";
    private static final Logger log = LoggerFactory.getLogger(ConversationProjector.class);
    private static final int BATCH = 200;

    private final EventFeed feed;
    private final ConversationRepository repository;
    private final ApplicationEventPublisher publisher;
    private final SlaClocks clocks;
    private final TransactionTemplate batch;
    private final TransactionTemplate savepoint;
    private final Clock clock;
    private final Timer lag;
    private final WakeUp wakeUp;
    private volatile boolean caughtUp;

    @Autowired
    ConversationProjector(EventFeed feed, ConversationRepository repository, ApplicationEventPublisher publisher, SlaClocks clocks,
                          PlatformTransactionManager transactions, MeterRegistry meters, Clock clock) {
        this(feed, repository, publisher, clocks, transactions, meters, clock, new WakeUp());
    }

    private ConversationProjector(EventFeed feed, ConversationRepository repository, ApplicationEventPublisher publisher, SlaClocks clocks,
                                  PlatformTransactionManager transactions, MeterRegistry meters, Clock clock, WakeUp wakeUp) {
        super("conversation-projector", wakeUp, Duration.ofSeconds(1), BATCH);
        this.wakeUp = wakeUp;
        this.feed = feed;
        this.repository = repository;
        this.publisher = publisher;
        this.clocks = clocks;
        this.batch = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
        this.lag = Timer.builder("switchboard.conversation.lag")
                .description("from an event's commit (its queueing, in the statement that stored it) to its place in the conversation model")
                .publishPercentiles(0.5, 0.95, 0.99).publishPercentileHistogram()
                .distributionStatisticExpiry(Duration.ofMinutes(5)).distributionStatisticBufferLength(5)
                .register(meters);
    }

    @Override
    public void start() {
        if (feed.subscribe(SUBSCRIBER)) {
            // events stored before the model followed the log belong in it too; new ones arrive through the feed meanwhile
            Thread.ofVirtual().name("conversation-catch-up").start(() -> {
                log.info("Conversation model subscribed to the event log; applying the events stored before");
                log.info("Conversation model caught up: {} earlier events applied", replay(Instant.EPOCH));
                caughtUp = true;
            });
        } else {
            caughtUp = true;
        }
        super.start();
    }

    /** Starts after the intake's writer, so the first events it stores already find the subscription. */
    @Override
    public int getPhase() {
        return 10;
    }

    @EventListener
    void eventsStored(EventsStored stored) {
        wakeUp.now();
    }

    /**
     * Applies one batch of queued events in one transaction. Should any event fail, the batch is rolled back
     * (its events go back to the queue) and applied again one savepoint per event, so that event alone is
     * recorded as skipped: the common case pays no savepoint round trips.
     *
     * @return how many were taken
     */
    @Override
    public int runOnce() {
        try {
            return applyBatch(false);
        } catch (RuntimeException failed) {
            log.warn("A batch of the conversation model failed ({}); applying its events one at a time", failed.toString());
            return applyBatch(true);
        }
    }

    private int applyBatch(boolean eachInASavepoint) {
        Integer taken = batch.execute(status -> {
            long started = System.nanoTime();
            repository.planEachStatement();
            List<FedEvent> events = feed.take(SUBSCRIBER, BATCH);
            if (eachInASavepoint) {
                events.forEach(event -> inASavepoint(List.of(event), true));
            } else {
                write(events, true);
            }
            long applying = System.nanoTime() - started;
            for (FedEvent event : events) {
                lag.record(event.queued() == null ? applying : event.queued().toNanos() + applying, TimeUnit.NANOSECONDS);
            }
            return events.size();
        });
        return taken == null ? 0 : taken;
    }

    /**
     * Applies every event received at or after {@code since} again, in the order received, without telling
     * anyone of customer messages: the model converges on what the events say; triage is not run twice.
     *
     * @return how many events were applied
     */
    long replay(Instant since) {
        long applied = 0;
        FedEvent last = null;
        while (true) {
            FedEvent after = last;
            List<FedEvent> page = batch.execute(status -> {
                repository.planEachStatement();
                List<FedEvent> events = feed.page(since, after, BATCH);
                if (!inASavepoint(events, false)) {
                    events.forEach(event -> inASavepoint(List.of(event), false));
                }
                return events;
            });
            if (page == null || page.isEmpty()) {
                return applied;
            }
            applied += page.size();
            last = page.getLast();
        }
    }

    boolean caughtUp() {
        return caughtUp;
    }

    /** @return whether the events were written; when not, what they wrote is undone and, a single event, it is recorded as skipped */
    private boolean inASavepoint(List<FedEvent> events, boolean live) {
        try {
            savepoint.executeWithoutResult(status -> write(events, live));
            return true;
        } catch (RuntimeException e) {
            if (events.size() == 1) {
                FedEvent event = events.getFirst();
                repository.skipped(event.id(), e.toString(), clock.instant());
                log.error("Event {} ({}) could not be applied to the conversation model; it is recorded as skipped", event.id(),
                        event.eventType(), e);
            }
            return false;
        }
    }

    /**
     * The events' conversations, contacts and messages, a statement each; the new customer messages announced; the
     * conversations queued for their SLA clocks to be computed again once this commits.
     */
    private void write(List<FedEvent> events, boolean live) {
        EventBatch folded = new EventBatch();
        for (FedEvent event : events) {
            try {
                folded.add(event, ChatwootPayloads.read(event));
            } catch (RuntimeException e) {
                repository.skipped(event.id(), "unreadable body: " + e.getMessage(), clock.instant());
                log.warn("Event {} ({}) is not readable as a Chatwoot payload; the conversation model skipped it", event.id(),
                        event.eventType());
            }
        }
        repository.upsertStates(folded.states());
        folded.contacts().forEach(repository::applyContact);
        List<ChatwootPayloads.Message> fresh = repository.upsertMessages(folded.messages());
        if (live) {
            announce(folded, fresh);
        }
        Set<String> changed = new TreeSet<>();
        folded.states().forEach(f -> changed.add(new Conversations.ClockKey(f.state().accountId(), f.state().conversationId()).text()));
        folded.messages().forEach(m -> changed.add(new Conversations.ClockKey(m.accountId(), m.conversationId()).text()));
        clocks.changedSoon(SubjectKind.CONVERSATION, changed);
    }

    /** The customer messages new to the model, to triage (which writes in this transaction, before the clocks read intents). */
    private void announce(EventBatch folded, List<ChatwootPayloads.Message> fresh) {
        List<CustomerMessageArrived> arrived = new ArrayList<>();
        List<NotesArrived.Note> notes = new ArrayList<>();
        for (ChatwootPayloads.Message message : fresh) {
            if (message.kind() == SenderKind.NOTE) {
                notes.add(new NotesArrived.Note(message.accountId(), message.conversationId(), message.messageId(), message.content(),
                        message.createdAt(), message.senderType(), message.senderId(), message.senderName(), message.marker() != null));
            }
            if (message.kind() != SenderKind.CONTACT) {
                continue;
            }
            EventBatch.Folded conversation = folded.state(message.accountId(), message.conversationId());
            ChatwootPayloads.Contact contact = conversation == null ? null : conversation.state().contact();
            arrived.add(new CustomerMessageArrived(message.accountId(), message.conversationId(), message.messageId(),
                    message.content(), message.createdAt(), conversation == null ? null : conversation.state().inboxId(),
                    contact == null ? null : contact.contactId(), contact == null ? null : contact.email(),
                    contact == null ? "{}" : contact.attributes()));
        }
        if (!arrived.isEmpty()) {
            publisher.publishEvent(new CustomerMessagesArrived(arrived));
        }
        if (!notes.isEmpty()) {
            publisher.publishEvent(new NotesArrived(notes));
        }
    }
}
