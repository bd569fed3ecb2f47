package dev.switchboard.delivery;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A destination as the workers use it: resolved settings and decoded signing keys.
 *
 * @param events  the events it subscribes to; empty: all
 * @param ordinal its number in {@code delivery_destinations}, part of its delivery ids
 */
record Destination(String name, URI url, List<byte[]> keys, Set<String> events, Duration timeout,
                   RetrySchedule schedule, int concurrency, int ordinal) {

    /** A lease outlives the attempt by this much, so a slow attempt is never taken twice. */
    static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

    Duration lease() {
        return timeout.plus(LEASE_MARGIN);
    }

    boolean subscribes(String event) {
        return events.isEmpty() || events.contains(event);
    }

    Destination withOrdinal(int ordinal) {
        return new Destination(name, url, keys, events, timeout, schedule, concurrency, ordinal);
    }

    @Override
    public String toString() {
        return "Destination[" + name + " " + url + "]";
    }
}
