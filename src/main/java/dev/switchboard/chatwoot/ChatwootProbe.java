package dev.switchboard.chatwoot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.switchboard.database.NodeIdentity;
import dev.switchboard.database.UuidV7;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Asks Chatwoot whether it is up, on a schedule: {@code /health} (its web server) and {@code /api} (its
 * database and queues). Chatwoot is online when both answer well. One node probes per interval: a node
 * that finds a recent probe by another skips its turn. A change of state is logged once.
 */
@Component
class ChatwootProbe implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChatwootProbe.class);

    private static final String RECORD = """
            INSERT INTO chatwoot_probes (id, checked_at, online, health, services, node)
            SELECT :id, :now, :online, :health, :services, :node
            WHERE NOT EXISTS (SELECT 1 FROM chatwoot_probes WHERE checked_at > :recent)
            """;
    private static final String LAST = "SELECT online FROM chatwoot_probes ORDER BY checked_at DESC LIMIT 1";
    private static final String FORGET = "DELETE FROM chatwoot_probes WHERE checked_at < :before";

    private final JdbcClient jdbc;
    private final ChatwootProbeProperties properties;
    private final ChatwootApi api;
    private final Clock clock;
    private ScheduledExecutorService schedule;

    ChatwootProbe(JdbcClient jdbc, ChatwootProperties chatwoot, ChatwootProbeProperties properties,
                  ChatwootActionProperties actions, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.api = chatwoot.baseUrl() == null ? null : new ChatwootApi(chatwoot.baseUrl(), chatwoot.apiKey(), actions.timeout());
    }

    @Override
    public void start() {
        if (api == null) {
            return;
        }
        schedule = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("chatwoot-probe").daemon(true).factory());
        long every = properties.interval().toMillis();
        schedule.scheduleWithFixedDelay(() -> {
            try {
                runOnce();
            } catch (RuntimeException e) {
                log.error("Probing Chatwoot failed; the next probe is in {}", properties.interval(), e);
            }
        }, 0, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (schedule != null) {
            schedule.shutdownNow();
            schedule = null;
        }
    }

    @Override
    public boolean isRunning() {
        return schedule != null;
    }

    /** Probes Chatwoot unless another node did within the interval. @return whether this node probed */
    boolean runOnce() {
        if (api == null) {
            return false;
        }
        String health = check(() -> api.health().body().contains("\"woot\"") ? "ok" : "unexpected answer");
        String services = check(() -> {
            String body = api.services().body();
            return body.contains("\"queue_services\":\"ok\"") && body.contains("\"data_services\":\"ok\"") ? "ok"
                    : "services failing: " + ChatwootApi.excerpt(body);
        });
        boolean online = "ok".equals(health) && "ok".equals(services);
        Instant now = clock.instant();
        Boolean before = jdbc.sql(LAST).query(Boolean.class).optional().orElse(null);
        Duration margin = properties.interval().dividedBy(2);
        boolean recorded = jdbc.sql(RECORD).param("id", UuidV7.next(clock)).param("now", java.sql.Timestamp.from(now))
                .param("online", online).param("health", health).param("services", services).param("node", NodeIdentity.id())
                .param("recent", java.sql.Timestamp.from(now.minus(margin))).update() == 1;
        if (recorded && (before == null || before != online)) {
            if (online) {
                log.info("Chatwoot is online");
            } else {
                log.warn("Chatwoot is offline: /health {}, /api {}", health, services);
            }
        }
        if (recorded) {
            jdbc.sql(FORGET).param("before", java.sql.Timestamp.from(now.minus(properties.retention()))).update();
        }
        return recorded;
    }

    private interface Check {
        String run() throws ChatwootApi.CallFailed;
    }

    private static String check(Check check) {
        try {
            return check.run();
        } catch (ChatwootApi.CallFailed e) {
            return e.getMessage();
        }
    }
}
