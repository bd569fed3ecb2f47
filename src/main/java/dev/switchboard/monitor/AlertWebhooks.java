package dev.switchboard.monitor;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.switchboard.database.Backoff;
import dev.switchboard.database.NodeIdentity;
import dev.switchboard.database.PollingWorker;
import dev.switchboard.database.UuidV7;
import dev.switchboard.database.WakeUp;
import dev.switchboard.delivery.StandardWebhooks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Alert webhooks, queued in the transaction that changed the alert and POSTed after commit with the delivery queue's
 * rules: a claim is a lease ({@code next_attempt_at} moves past it), 2xx is delivered, 408, 429, 5xx and network
 * errors are tried again with backoff (5 s doubling to 10 min, ±20 %), any other answer or the last try is dead,
 * and a dead one can be replayed. A {@code standard} webhook is signed the Standard Webhooks way, as deliveries are.
 */
@Component
class AlertWebhooks extends PollingWorker {

    private static final Logger log = LoggerFactory.getLogger(AlertWebhooks.class);
    private static final int BATCH = 20;
    private static final int MAX_ATTEMPTS = 10;
    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(10));

    private static final String INSERT = """
            INSERT INTO alert_notifications (id, alert_id, webhook, body, status, next_attempt_at, created_at)
            VALUES (:id, :alert, :webhook, :body, 'PENDING', :now, :now)
            """;
    private static final String CLAIM = """
            UPDATE alert_notifications SET next_attempt_at = :leaseEnd, lease_owner = :me, attempts = attempts + 1
            WHERE id IN (SELECT id FROM alert_notifications WHERE status = 'PENDING' AND next_attempt_at <= :now
                         ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED)
            RETURNING id, webhook, body, attempts, created_at
            """;
    private static final String DELIVERED = """
            UPDATE alert_notifications SET status = 'DELIVERED', delivered_at = :now, last_error = NULL
            WHERE id = :id AND lease_owner = :me AND status = 'PENDING'
            """;
    private static final String RETRY = """
            UPDATE alert_notifications SET next_attempt_at = :next, last_error = :error WHERE id = :id AND lease_owner = :me AND status = 'PENDING'
            """;
    private static final String DEAD = """
            UPDATE alert_notifications SET status = 'DEAD', dead_at = :now, last_error = :error
            WHERE id = :id AND lease_owner = :me AND status = 'PENDING'
            """;
    private static final String REPLAY = """
            UPDATE alert_notifications SET status = 'PENDING', next_attempt_at = :now, attempts = 0, dead_at = NULL, lease_owner = NULL
            WHERE status = 'DEAD' AND (CAST(:id AS uuid) IS NULL OR id = :id)
            """;
    private static final String LIST = """
            SELECT id, alert_id, webhook, status, attempts, next_attempt_at, last_error, created_at, delivered_at, dead_at
            FROM alert_notifications WHERE (CAST(:alert AS uuid) IS NULL OR alert_id = :alert)
              AND (CAST(:status AS text) IS NULL OR status = :status)
            ORDER BY created_at DESC LIMIT :limit
            """;

    private final JdbcClient jdbc;
    private final AlertProperties properties;
    private final Clock clock;
    private final WakeUp wakeUp;
    private final String me = NodeIdentity.id();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Autowired
    AlertWebhooks(JdbcClient jdbc, AlertProperties properties, Clock clock) {
        this(jdbc, properties, clock, new WakeUp());
    }

    private AlertWebhooks(JdbcClient jdbc, AlertProperties properties, Clock clock, WakeUp wakeUp) {
        super("alert-webhooks", wakeUp, Duration.ofSeconds(2), BATCH);
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.wakeUp = wakeUp;
    }

    /** Queues a notification in the caller's transaction; this node sends it once that commits. */
    void enqueue(UUID alertId, String webhook, String body) {
        Instant now = clock.instant();
        jdbc.sql(INSERT).param("id", UuidV7.next(clock)).param("alert", alertId).param("webhook", webhook).param("body", body)
                .param("now", Timestamp.from(now)).update();
        wakeUp.afterCommit();
    }

    @Override
    public int runOnce() {
        Instant now = clock.instant();
        List<Claimed> claimed = jdbc.sql(CLAIM).param("now", Timestamp.from(now)).param("leaseEnd", Timestamp.from(now.plus(LEASE)))
                .param("me", me).param("limit", BATCH)
                .query((rs, n) -> new Claimed(rs.getObject("id", UUID.class), rs.getString("webhook"), rs.getString("body"),
                        rs.getInt("attempts"), rs.getTimestamp("created_at").toInstant())).list();
        // in the order the alerts changed: a resolution never overtakes its opening (RETURNING keeps no order)
        claimed.stream().sorted(java.util.Comparator.comparing(Claimed::createdAt).thenComparing(Claimed::id)).forEach(this::send);
        return claimed.size();
    }

    private void send(Claimed n) {
        String failure;
        boolean retry;
        try {
            AlertProperties.AlertWebhook hook = properties.webhook(n.webhook());
            byte[] body = n.body().getBytes(StandardCharsets.UTF_8);
            HttpRequest.Builder request = HttpRequest.newBuilder(hook.url()).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").header("User-Agent", "Switchboard/1 (+alerts)")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (hook.format().equals("standard")) {
                long timestamp = clock.instant().getEpochSecond();
                request.header("webhook-id", n.id().toString()).header("webhook-timestamp", Long.toString(timestamp))
                        .header("webhook-signature", StandardWebhooks.signature(List.of(StandardWebhooks.key(hook.secret())),
                                n.id().toString(), timestamp, body));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                jdbc.sql(DELIVERED).param("id", n.id()).param("me", me).param("now", Timestamp.from(clock.instant())).update();
                return;
            }
            failure = "answered " + status + ": " + excerpt(response.body());
            retry = status == 408 || status == 429 || status >= 500;
        } catch (java.io.IOException e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            retry = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            failure = e.toString();
            retry = false;
        }
        Instant now = clock.instant();
        if (retry && n.attempts() < MAX_ATTEMPTS) {
            jdbc.sql(RETRY).param("id", n.id()).param("me", me).param("error", failure)
                    .param("next", Timestamp.from(now.plus(BACKOFF.after(n.attempts())))).update();
            log.warn("Alert webhook {} to {} failed (attempt {}): {}; trying again", n.id(), n.webhook(), n.attempts(), failure);
        } else {
            jdbc.sql(DEAD).param("id", n.id()).param("me", me).param("error", failure).param("now", Timestamp.from(now)).update();
            log.error("Alert webhook {} to {} is dead after {} attempts: {}", n.id(), n.webhook(), n.attempts(), failure);
        }
    }

    /** Puts one dead notification (or, with none given, every dead one) back in the queue. @return how many */
    int replay(UUID id) {
        int replayed = jdbc.sql(REPLAY).param("id", id).param("now", Timestamp.from(clock.instant())).update();
        if (replayed > 0) {
            wakeUp.now();
        }
        return replayed;
    }

    List<NotificationView> list(UUID alertId, String status, int limit) {
        return jdbc.sql(LIST).param("alert", alertId).param("status", status).param("limit", limit)
                .query((rs, n) -> new NotificationView(rs.getObject("id", UUID.class), rs.getObject("alert_id", UUID.class),
                        rs.getString("webhook"), rs.getString("status"), rs.getInt("attempts"), time(rs.getTimestamp("next_attempt_at")),
                        rs.getString("last_error"), time(rs.getTimestamp("created_at")), time(rs.getTimestamp("delivered_at")),
                        time(rs.getTimestamp("dead_at")))).list();
    }

    private static Instant time(Timestamp at) {
        return at == null ? null : at.toInstant();
    }

    private static String excerpt(String body) {
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) : body;
    }

    private record Claimed(UUID id, String webhook, String body, int attempts, Instant createdAt) {
    }

    record NotificationView(UUID id, UUID alertId, String webhook, String status, int attempts, Instant nextAttemptAt, String lastError,
                            Instant createdAt, Instant deliveredAt, Instant deadAt) {
    }
}
