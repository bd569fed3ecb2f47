package dev.switchboard.monitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.switchboard.chatwoot.ChatwootHealth;
import dev.switchboard.conversation.Conversations;
import dev.switchboard.delivery.DeliveryHealth;
import dev.switchboard.draft.DraftAutonomy;
import dev.switchboard.email.EmailStatus;
import dev.switchboard.sla.SlaClocks;
import dev.switchboard.thread.ThreadStatistics;
import org.springframework.stereotype.Component;

/** Reads what the alert rules judge from the features that know it, in one go. */
@Component
class MonitorReadings {

    private final Conversations conversations;
    private final ThreadStatistics threads;
    private final DeliveryHealth delivery;
    private final ChatwootHealth chatwoot;
    private final EmailStatus emails;
    private final SlaClocks clocks;
    private final AgentProbe agent;
    private final DraftAutonomy autonomy;
    private final AlertProperties properties;
    private final Clock clock;

    MonitorReadings(Conversations conversations, ThreadStatistics threads, DeliveryHealth delivery, ChatwootHealth chatwoot,
                    EmailStatus emails, SlaClocks clocks, AgentProbe agent, DraftAutonomy autonomy, AlertProperties properties,
                    Clock clock) {
        this.agent = agent;
        this.autonomy = autonomy;
        this.conversations = conversations;
        this.threads = threads;
        this.delivery = delivery;
        this.chatwoot = chatwoot;
        this.emails = emails;
        this.clocks = clocks;
        this.properties = properties;
        this.clock = clock;
    }

    Readings now() {
        return from(delivery.snapshot(), chatwoot.snapshot(), conversations.health(), emails.now());
    }

    /** The readings, with the snapshots a caller has already taken (the health summary takes them for itself too). */
    Readings from(DeliveryHealth.Snapshot deliveries, ChatwootHealth.Snapshot chatwootNow, Conversations.Health model,
                  EmailStatus.Snapshot outbox) {
        Instant now = clock.instant();
        Conversations.Waiting waitingConversations = conversations.waitingForReply();
        ThreadStatistics.Waiting waitingThreads = threads.waitingForReply();
        Instant oldest = earlier(waitingConversations.oldestSince(), waitingThreads.oldestSince());
        DeliveryHealth.Rate rate = delivery.rateOver(properties.thresholds().deliveryWindow());
        List<String> breakers = deliveries.destinations().stream().filter(d -> d.breaker().equals("open"))
                .map(DeliveryHealth.DestinationStatus::name).toList();
        List<String> flagged = deliveries.destinations().stream().filter(d -> d.flaggedAt() != null)
                .map(DeliveryHealth.DestinationStatus::name).toList();
        return new Readings(now, waitingConversations.count() + waitingThreads.count(), oldest, model.lagP95Millis(),
                rate.attempts(), rate.successRate(), delivery.deadSince(now.minus(Duration.ofHours(1))), breakers, flagged,
                chatwootNow.configured() ? chatwootNow.failuresInARow() : null, agent.failuresInARow(), outbox.oldestPendingAge(),
                clocks.overdue(), autonomy.revokedSince(now.minus(Duration.ofDays(1))));
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }
}
