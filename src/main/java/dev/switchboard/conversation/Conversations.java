package dev.switchboard.conversation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.switchboard.chatwoot.ChatwootActions;
import dev.switchboard.chatwoot.ChatwootProperties;
import dev.switchboard.inbound.EventFeed;
import dev.switchboard.refusal.NotFound;
import dev.switchboard.sla.SlaClocks;
import dev.switchboard.sla.SubjectKind;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** The conversation read model as other features and the pages see it. */
@Component
public class Conversations {

    private final ConversationQueries queries;
    private final ConversationRepository repository;
    private final ConversationProjector projector;
    private final EventFeed feed;
    private final ChatwootActions actions;
    private final ObjectProvider<ConversationFindings> findings;
    private final SlaClocks clocks;
    private final MeterRegistry meters;
    private final ChatwootProperties chatwoot;
    private final Clock clock;

    Conversations(ConversationQueries queries, ConversationRepository repository, ConversationProjector projector, EventFeed feed,
                  ChatwootActions actions, ObjectProvider<ConversationFindings> findings, SlaClocks clocks, MeterRegistry meters,
                  ChatwootProperties chatwoot, Clock clock) {
        this.chatwoot = chatwoot;
        this.queries = queries;
        this.repository = repository;
        this.projector = projector;
        this.feed = feed;
        this.actions = actions;
        this.findings = findings;
        this.clocks = clocks;
        this.meters = meters;
        this.clock = clock;
    }

    public List<Summary> list(Filter filter, Sort sort, int limit, int offset) {
        return queries.list(filter, sort, limit, offset);
    }

    public Summary find(long accountId, long conversationId) {
        return queries.find(accountId, conversationId).orElseThrow(() -> new NotFound("conversation-not-found",
                "Switchboard has no conversation " + conversationId + " in Chatwoot account " + accountId + "."));
    }

    /** The conversation as the model holds it, if it does, with its last {@code limit} messages, newest first. */
    public java.util.Optional<Glance> glance(long accountId, long conversationId, int limit) {
        return queries.find(accountId, conversationId).map(summary -> new Glance(summary,
                queries.messages(accountId, conversationId, limit)));
    }

    /** The conversation with its messages, the events that told of it, what was found and what was done in Chatwoot. */
    public Detail detail(long accountId, long conversationId) {
        Summary summary = find(accountId, conversationId);
        List<TimelineEvent> events = feed.forConversation(accountId, conversationId, 100).stream()
                .map(e -> new TimelineEvent(e.id().toString(), e.eventType(), e.receivedAt())).toList();
        List<ConversationFindings.Finding> found = findings.stream()
                .flatMap(f -> f.findings(accountId, conversationId).stream()).toList();
        String link = chatwoot.baseUrl() == null ? null : chatwoot.baseUrl().toString().replaceAll("/+$", "")
                + "/app/accounts/" + accountId + "/conversations/" + conversationId;
        return new Detail(summary, link, queries.messages(accountId, conversationId, 200), events, found,
                actions.forConversation(accountId, conversationId, 100),
                clocks.clocks(SubjectKind.CONVERSATION, new ClockKey(accountId, conversationId).text()));
    }

    /** For each contact, the conversations they opened since then (theirs included), in one query. */
    public Map<Contact, Long> openedByContactsSince(java.util.Collection<Contact> contacts, Instant since) {
        return queries.openedByContactsSince(contacts, since);
    }

    /**
     * What triage concluded, on the conversations: an intent replaces the one held (null keeps it); escalated
     * and VIP only ever turn on, by automation. One annotation per conversation.
     */
    public void annotate(List<Annotation> annotations) {
        repository.annotate(annotations);
    }

    /** Open and pending conversations by their intent. */
    public List<IntentCount> intents() {
        return queries.intents();
    }

    /** Open conversations waiting for a reply by a person, and since when the one waiting longest does. */
    public Waiting waitingForReply() {
        return queries.waitingForReply();
    }

    /** Applies the stored events received since then again. @return how many */
    public long rebuild(Instant since) {
        return projector.replay(since);
    }

    /** How far behind the event log the model is, and what it could not take. */
    public Health health() {
        EventFeed.Backlog backlog = feed.backlog(ConversationProjector.SUBSCRIBER);
        Timer lag = meters.find("switchboard.conversation.lag").timer();
        double p95 = 0;
        double p99 = 0;
        if (lag != null) {
            for (ValueAtPercentile value : lag.takeSnapshot().percentileValues()) {
                if (value.percentile() == 0.95) {
                    p95 = value.value(TimeUnit.MILLISECONDS);
                } else if (value.percentile() == 0.99) {
                    p99 = value.value(TimeUnit.MILLISECONDS);
                }
            }
        }
        long oldestSeconds = backlog.oldest() == null ? 0 : Math.max(0, Duration.between(backlog.oldest(), clock.instant()).toSeconds());
        return new Health(backlog.waiting(), oldestSeconds, Math.round(p95), Math.round(p99), queries.skipped(), projector.caughtUp());
    }

    public enum Sort {
        /** the most urgent SLA due instant first (overdue ones first of all); those without a running clock last */
        SLA,
        /** the customer waiting longest first */
        WAITING,
        /** the latest activity first */
        RECENT
    }

    /** Conversations matching every part given (null: any). */
    public record Filter(ConversationStatus status, String intent, Boolean escalated, Boolean vip, Long inboxId, Long assigneeId,
                         boolean unassigned) {
        public static Filter any() {
            return new Filter(null, null, null, null, null, null, false);
        }
    }

    public record ContactView(Long id, String name, String email, String phone, String customAttributes) {
    }

    public record MessageCounts(int contact, int agent, int bot, int notes) {
    }

    /**
     * One conversation as the model holds it. Times are Chatwoot's, but {@code firstEventAt}/{@code lastEventAt}, Switchboard's;
     * {@code slaDueAt} is the most urgent due instant of its running SLA clocks.
     */
    public record Summary(long accountId, long conversationId, Long inboxId, String inboxName, String channel,
                          ConversationStatus status, String priority, List<String> labels, Long assigneeId, String assigneeName,
                          String assigneeType, Long teamId, String teamName, ContactView contact, Instant createdAt,
                          Instant waitingSince, Instant firstReplyAt, Instant snoozedUntil, Instant lastActivityAt,
                          MessageCounts messages, Instant lastCustomerMessageAt, Instant firstHumanReplyAt,
                          Instant lastHumanReplyAt, String intent, boolean escalated, boolean vip, Instant firstEventAt,
                          Instant lastEventAt, Instant slaDueAt) {
    }

    public record MessageView(long id, SenderKind sender, String senderName, String content, boolean deleted, Instant createdAt) {
    }

    public record TimelineEvent(String eventId, String eventType, Instant receivedAt) {
    }

    /** @param chatwootUrl the conversation in Chatwoot's own app; null when Chatwoot's address is not set */
    public record Detail(Summary conversation, String chatwootUrl, List<MessageView> messages, List<TimelineEvent> events,
                         List<ConversationFindings.Finding> findings, List<ChatwootActions.ActionView> actions,
                         List<SlaClocks.ClockView> clocks) {
    }

    /** @param lastMessages newest first */
    public record Glance(Summary conversation, List<MessageView> lastMessages) {
    }

    /** @param oldestSince null when none waits */
    public record Waiting(long count, Instant oldestSince) {
    }

    public record IntentCount(String intent, long conversations, long escalated) {
    }

    /** A conversation as the SLA clocks name it: {@code <account>:<conversation>}, the key of its clocks and breaches. */
    public record ClockKey(long accountId, long conversationId) {

        public String text() {
            return accountId + ":" + conversationId;
        }

        /** The conversation a clock key names; empty for a key that names none. */
        public static java.util.Optional<ClockKey> parse(String key) {
            String[] parts = key.split(":");
            if (parts.length != 2 || !parts[0].matches("\\d{1,18}") || !parts[1].matches("\\d{1,18}")) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new ClockKey(Long.parseLong(parts[0]), Long.parseLong(parts[1])));
        }
    }

    /** A Chatwoot contact of an account. */
    public record Contact(long accountId, long contactId) {
    }

    /** @param intent null to keep the one held */
    public record Annotation(long accountId, long conversationId, String intent, boolean escalated, boolean vip) {
    }

    /**
     * @param waiting       events stored but not yet in the model
     * @param oldestSeconds how long the oldest of them has waited
     * @param lagP95Millis  95th percentile of commit-to-model time (triage included) over the last five minutes
     * @param lagP99Millis  99th percentile of the same
     * @param skipped       events the model could not take (see {@code conversation_skipped_events})
     * @param caughtUp      whether the events stored before the model followed the log are in it
     */
    public record Health(long waiting, long oldestSeconds, long lagP95Millis, long lagP99Millis, long skipped, boolean caughtUp) {
    }
}
