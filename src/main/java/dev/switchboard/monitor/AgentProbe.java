package dev.switchboard.monitor;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.switchboard.database.NodeIdentity;
import dev.switchboard.database.Rounds;
import dev.switchboard.database.UuidV7;
import dev.switchboard.delivery.DeliveryProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Asks the AI agent whether it is up, on a schedule: {@code GET} its health endpoint, 2xx within 5 s is online. One
 * node probes per interval (a node that finds a recent probe by another skips its turn), as with Chatwoot's probe.
 */
@Component
class AgentProbe implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AgentProbe.class);
    private static final Duration KEPT = Duration.ofDays(7);
    private static final String RECORD = """
            INSERT INTO agent_probes (id, checked_at, online, detail, node)
            SELECT :id, :now, :online, :detail, :node WHERE NOT EXISTS (SELECT 1 FROM agent_probes WHERE checked_at > :recent)
            """;
    private static final String LAST = "SELECT online FROM agent_probes ORDER BY checked_at DESC LIMIT 1";
    private static final String FAILURES_IN_A_ROW = """
            SELECT count(*) FROM agent_probes
            WHERE NOT online AND checked_at > coalesce((SELECT max(checked_at) FROM agent_probes WHERE online), '-infinity')
            """;
    private static final String FORGET = "DELETE FROM agent_probes WHERE checked_at < :before";

    private final JdbcClient jdbc;
    private final AlertProperties properties;
    private final Clock clock;
    private final URI health;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Rounds rounds = new Rounds("agent-probe", 1);

    AgentProbe(JdbcClient jdbc, AlertProperties properties, DeliveryProperties delivery, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        URI agent = delivery.agentUrl();
        this.health = properties.agentHealthUrl() != null ? properties.agentHealthUrl()
                : agent == null ? null : URI.create(agent.getScheme() + "://" + agent.getRawAuthority() + "/health");
    }

    /** Whether there is an agent to probe. */
    boolean configured() {
        return health != null;
    }

    /** Failed probes since the last good one (null: no agent to probe). */
    Long failuresInARow() {
        return health == null ? null : jdbc.sql(FAILURES_IN_A_ROW).query(Long.class).single();
    }

    /** Probes the agent unless another node did within the interval. @return whether this node probed */
    boolean runOnce() {
        if (health == null) {
            return false;
        }
        String detail;
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).GET()
                    .header("User-Agent", "Switchboard/1 (+health probe)").build(), HttpResponse.BodyHandlers.discarding());
            detail = response.statusCode() / 100 == 2 ? "ok" : "answered " + response.statusCode();
        } catch (java.io.IOException e) {
            detail = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        boolean online = detail.equals("ok");
        Instant now = clock.instant();
        Boolean before = jdbc.sql(LAST).query(Boolean.class).optional().orElse(null);
        boolean recorded = jdbc.sql(RECORD).param("id", UuidV7.next(clock)).param("now", Timestamp.from(now)).param("online", online)
                .param("detail", detail).param("node", NodeIdentity.id())
                .param("recent", Timestamp.from(now.minus(properties.probeInterval().dividedBy(2)))).update() == 1;
        if (recorded) {
            if (before == null || before != online) {
                if (online) {
                    log.info("The agent's health endpoint answers");
                } else {
                    log.warn("The agent's health endpoint fails: {}", detail);
                }
            }
            jdbc.sql(FORGET).param("before", Timestamp.from(now.minus(KEPT))).update();
        }
        return recorded;
    }

    @Override
    public void start() {
        if (health != null) {
            rounds.start(Duration.ZERO, properties.probeInterval(), this::runOnce);
        }
    }

    @Override
    public void stop() {
        rounds.stop();
    }

    @Override
    public boolean isRunning() {
        return rounds.running();
    }
}
