package dev.switchboard.delivery;

import java.util.UUID;

import dev.switchboard.refusal.Conflict;
import dev.switchboard.refusal.NotFound;
import org.springframework.stereotype.Component;

/** Starting a replay, for the API and the pages alike: put the dead deliveries back and wake this node's worker. */
@Component
class ReplayStarter {

    private final DeliveryQueries queries;
    private final Replays replays;
    private final DeliveryWorker worker;
    private final DeliveryProperties properties;

    ReplayStarter(DeliveryQueries queries, Replays replays, DeliveryWorker worker, DeliveryProperties properties) {
        this.queries = queries;
        this.replays = replays;
        this.worker = worker;
        this.properties = properties;
    }

    /** One dead delivery; a 404 or 409 problem when there is none or it is not dead. */
    Replays.Started one(UUID id) {
        DeliveryStatus status = queries.status(id).orElseThrow(() -> notFound(id));
        if (status != DeliveryStatus.DEAD) {
            throw new Conflict("delivery-not-dead", "Only a dead delivery can be replayed; this one is " + status + ".");
        }
        return started(replays.start(new DeliveryFilter(null, null, null, null, null, null), id, properties.replayRate()));
    }

    /** Every dead delivery matching the filter, at {@code ratePerSecond} or the configured rate. */
    Replays.Started matching(DeliveryFilter filter, Integer ratePerSecond) {
        return started(replays.start(filter, null, ratePerSecond == null ? properties.replayRate() : ratePerSecond));
    }

    private Replays.Started started(Replays.Started started) {
        worker.wake();
        return started;
    }

    static NotFound notFound(UUID id) {
        return new NotFound("delivery-not-found", "No delivery with id " + id + ".");
    }
}
