package dev.switchboard.chatwoot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import dev.switchboard.database.Backoff;
import dev.switchboard.database.NodeIdentity;
import dev.switchboard.database.PollingWorker;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Carries out Chatwoot actions: claims due ones with a lease, calls Chatwoot within the rate limit, and
 * records the outcome only where it still holds the lease. Chatwoot's 4xx (but 408 and 429) is final:
 * the action is DEAD with Chatwoot's reason. A 429, a 5xx, a timeout or no connection is tried again
 * with backoff; a 429 also holds every call from this node for that backoff, since Chatwoot throttles
 * per IP address and says nothing of when to come back. Without Chatwoot's address and key it does not
 * run, and actions wait.
 */
@Component
class ActionWorker extends PollingWorker {

    private static final Logger log = LoggerFactory.getLogger(ActionWorker.class);
    private static final int BATCH = 20;

    private final ActionRepository repository;
    private final ChatwootActionProperties properties;
    private final ChatwootApi api;
    private final Clock clock;
    private final Backoff backoff;
    private final RateLimiter rateLimit;
    private final MeterRegistry meters;
    private final String owner = NodeIdentity.id();
    private volatile Instant throttledUntil = Instant.MIN;
    private int throttles;

    ActionWorker(ActionRepository repository, ChatwootProperties chatwoot, ChatwootActionProperties properties,
                 ActionWakeUp wakeUp, MeterRegistry meters, Clock clock) {
        super("chatwoot-actions", wakeUp.signal(), properties.pollInterval(), BATCH);
        this.repository = repository;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.api = configured(chatwoot) ? new ChatwootApi(chatwoot.baseUrl(), chatwoot.apiKey(), properties.timeout()) : null;
        this.backoff = new Backoff(properties.firstBackoff(), properties.longestBackoff());
        this.rateLimit = new RateLimiter(properties.ratePerMinute(), System::nanoTime);
    }

    static boolean configured(ChatwootProperties chatwoot) {
        return chatwoot.baseUrl() != null && chatwoot.apiKey() != null && !chatwoot.apiKey().isBlank();
    }

    boolean chatwootConfigured() {
        return api != null;
    }

    @Override
    protected String cannotRun() {
        return api == null ? "Chatwoot's address or API key is not set (CHATWOOT_BASE_URL, CHATWOOT_API_KEY): Chatwoot actions wait until they are"
                : null;
    }

    @Override
    public void start() {
        // a throttle is this node's memory of Chatwoot's last 429; a restart starts without it
        throttledUntil = Instant.MIN;
        super.start();
    }

    /** Carries out one batch of due actions. @return how many were claimed */
    @Override
    public int runOnce() {
        if (api == null) {
            return 0;
        }
        Instant now = clock.instant();
        if (now.isBefore(throttledUntil)) {
            return 0;
        }
        List<ActionRepository.Claimed> claimed = repository.claim(owner, BATCH, now, now.plus(properties.lease()));
        for (ActionRepository.Claimed action : claimed) {
            if (clock.instant().isBefore(throttledUntil)) {
                // throttled part way through the batch: the rest go back, untried, due when the throttle ends
                repository.retryAt(action.id(), owner, throttledUntil, "held back: Chatwoot answered 429 to an earlier call", null);
                continue;
            }
            MDC.put("action", action.id().toString());
            try {
                carryOut(action);
            } finally {
                MDC.remove("action");
            }
        }
        return claimed.size();
    }

    private void carryOut(ActionRepository.Claimed action) {
        long wait = rateLimit.reserve();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
        String outcome;
        try {
            String result = ActionCarrier.carryOut(api, action);
            throttles = 0;
            throttledUntil = Instant.MIN;
            if (!repository.markDone(action.id(), owner, clock.instant(), 200, result)) {
                log.warn("Chatwoot action {} was carried out but its lease had passed to another node", action.id());
            }
            outcome = "done";
        } catch (ChatwootApi.CallFailed failed) {
            outcome = failed(action, failed);
        } catch (RuntimeException e) {
            repository.markDead(action.id(), owner, clock.instant(), "could not be carried out: " + e.getMessage(), null);
            log.error("Chatwoot action {} ({}) is dead: it could not be carried out", action.id(), action.kind(), e);
            outcome = "dead";
        }
        meters.counter("switchboard.chatwoot.actions", "kind", action.kind(), "outcome", outcome).increment();
    }

    private String failed(ActionRepository.Claimed action, ChatwootApi.CallFailed failed) {
        Instant now = clock.instant();
        Integer status = failed.status() == 0 ? null : failed.status();
        if (failed.refused()) {
            repository.markDead(action.id(), owner, now, failed.getMessage(), status);
            log.error("Chatwoot refused action {} ({}) on conversation {}: {}", action.id(), action.kind(),
                    action.conversationId(), failed.getMessage());
            return "dead";
        }
        if (failed.throttled()) {
            throttles++;
            throttledUntil = now.plus(backoff.after(throttles));
            log.warn("Chatwoot answered 429: no calls from this node until {}", throttledUntil);
        }
        if (action.step() >= properties.maxAttempts()) {
            repository.markDead(action.id(), owner, now, "gave up after " + action.step() + " attempts: " + failed.getMessage(), status);
            log.error("Chatwoot action {} ({}) is dead after {} attempts: {}", action.id(), action.kind(), action.step(), failed.getMessage());
            return "dead";
        }
        Instant at = now.plus(backoff.after(action.step()));
        if (at.isBefore(throttledUntil)) {
            at = throttledUntil;
        }
        repository.retryAt(action.id(), owner, at, failed.getMessage(), status);
        log.warn("Chatwoot action {} ({}) failed ({}); trying again at {}", action.id(), action.kind(), failed.getMessage(), at);
        return failed.throttled() ? "throttled" : "retry";
    }

    /** How long this node holds its calls because Chatwoot throttled it; zero when it does not. */
    Duration throttledFor() {
        Duration left = Duration.between(clock.instant(), throttledUntil);
        return left.isNegative() ? Duration.ZERO : left;
    }

}
