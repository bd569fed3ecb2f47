package dev.switchboard.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

import dev.switchboard.inbound.StoredEvent;

/**
 * First attempts of the events this node stored, which the enqueue trigger leased to it: they wait
 * here for a free slot, per destination, and start without a claim. What cannot start in time goes
 * back to the database (the worker's {@code release}).
 */
final class Handoffs {

    /** Beyond this many per slot of the destination, first attempts wait in the database, for any node. */
    static final int PER_SLOT = 2;
    /**
     * A first attempt must start this soon after the event arrived: its lease (the timeout plus
     * {@link Destination#LEASE_MARGIN}, from the trigger) must outlast the attempt.
     */
    static final Duration START_WITHIN = Destination.LEASE_MARGIN.minusSeconds(5);

    private final Map<String, LinkedBlockingQueue<ClaimedDelivery>> waiting = new ConcurrentHashMap<>();

    Handoffs(List<Destination> destinations) {
        destinations.forEach(d -> waiting.put(d.name(), new LinkedBlockingQueue<>()));
    }

    /** The first attempt of each event to each destination subscribed to it, with the id the trigger gave it. */
    void add(List<StoredEvent> events, List<Destination> destinations) {
        for (StoredEvent event : events) {
            for (Destination destination : destinations) {
                if (destination.subscribes(event.eventType())) {
                    waiting.get(destination.name()).add(new ClaimedDelivery(DeliveryIds.of(event.id(), destination.ordinal()),
                            destination.name(), 1, 1, event.receivedAt(), event.eventType(), event.chatwootDeliveryId(), event.body()));
                }
            }
        }
    }

    int waiting(String destination) {
        return waiting.get(destination).size();
    }

    /** The oldest waiting first attempt, or null. */
    ClaimedDelivery next(String destination) {
        return waiting.get(destination).poll();
    }

    /** Takes out those beyond {@link #PER_SLOT} per slot and those too old to start; oldest first. */
    List<ClaimedDelivery> takeOverdue(Destination destination, Instant now) {
        LinkedBlockingQueue<ClaimedDelivery> queue = waiting.get(destination.name());
        Instant startBy = now.minus(START_WITHIN);
        List<ClaimedDelivery> overdue = new ArrayList<>();
        ClaimedDelivery head;
        while ((head = queue.peek()) != null
                && (queue.size() > destination.concurrency() * PER_SLOT || head.createdAt().isBefore(startBy))) {
            overdue.add(queue.poll());
        }
        return overdue;
    }

    List<ClaimedDelivery> takeAll(String destination) {
        List<ClaimedDelivery> all = new ArrayList<>();
        waiting.get(destination).drainTo(all);
        return all;
    }

    List<ClaimedDelivery> takeAll() {
        List<ClaimedDelivery> all = new ArrayList<>();
        waiting.values().forEach(queue -> queue.drainTo(all));
        return all;
    }
}
