package dev.switchboard.delivery;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** A destination as the workers use it: resolved settings and decoded signing keys. */
record Destination(String name, URI url, List<byte[]> keys, Set<String> events, Duration timeout,
                   RetrySchedule schedule, int concurrency) {

    /** A lease outlives the attempt by this much, so a slow attempt is never taken twice. */
    static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

    Duration lease() {
        return timeout.plus(LEASE_MARGIN);
    }

    @Override
    public String toString() {
        return "Destination[" + name + " " + url + "]";
    }
}
