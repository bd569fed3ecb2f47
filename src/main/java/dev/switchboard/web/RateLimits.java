package dev.switchboard.web;

import java.time.Duration;

import dev.switchboard.refusal.RateLimited;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletRequest;

/**
 * A token bucket per client address, for the public endpoints. Kept in this node's memory: with
 * several nodes behind a balancer each allows the rate on its own, which still stops a flood. Behind a
 * proxy, set {@code server.forward-headers-strategy} so the address is the client's, not the proxy's.
 */
public final class RateLimits {

    private final String name;
    private final long capacity;
    private final Duration period;
    private final Cache<String, Bucket> buckets;

    /** {@code capacity} requests per {@code period}, refilled gradually. */
    public RateLimits(String name, long capacity, Duration period) {
        this.name = name;
        this.capacity = capacity;
        this.period = period;
        this.buckets = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(period.multipliedBy(2)).build();
    }

    /** Takes one request from the client's allowance, or refuses with 429 and when to retry. */
    public void take(HttpServletRequest request) {
        take(request.getRemoteAddr());
    }

    public void take(String client) {
        Bucket bucket = buckets.get(client, key -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build()).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new RateLimited(Duration.ofNanos(probe.getNanosToWaitForRefill()).plusSeconds(1));
        }
    }

    /**
     * Refuses with 429 when the client has no allowance left, without taking any: for limits counted
     * only on failures, which must still stop a client that has failed too often.
     */
    public void refuseWhenExhausted(String client) {
        Bucket bucket = buckets.getIfPresent(client);
        if (bucket != null && bucket.getAvailableTokens() <= 0) {
            take(client);
        }
    }

    @Override
    public String toString() {
        return "RateLimits[" + name + " " + capacity + " per " + period + "]";
    }
}
