package dev.switchboard.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The configured destinations, written to {@code delivery_destinations} on start so the enqueue trigger
 * sees them. A destination no longer configured is marked inactive: it gets no new deliveries, and its
 * pending ones wait (shown in health) until it is configured again.
 */
@Component
class Destinations {

    private static final Logger log = LoggerFactory.getLogger(Destinations.class);

    private static final String UPSERT = """
            INSERT INTO delivery_destinations (name, events, active, lease, updated_at)
            VALUES (:name, :events, true, make_interval(secs => :leaseSeconds), :now)
            ON CONFLICT (name) DO UPDATE SET events = excluded.events, active = true, lease = excluded.lease,
                                             updated_at = excluded.updated_at
            RETURNING ordinal
            """;
    private static final String DEACTIVATE_OTHERS = """
            UPDATE delivery_destinations SET active = false, updated_at = :now WHERE active AND NOT (name = ANY (:names))
            """;
    private static final String INSERT_SECRET = """
            INSERT INTO delivery_secrets (destination, secret, created_at) VALUES (:destination, :secret, :now)
            ON CONFLICT (destination) DO NOTHING
            """;
    private static final String FIND_SECRET = "SELECT secret FROM delivery_secrets WHERE destination = :destination";
    private static final String FLAG = """
            UPDATE delivery_destinations SET flagged_at = :now, flagged_reason = :reason WHERE name = :name AND flagged_at IS NULL
            """;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<String, Destination> byName;
    private final List<Destination> all;

    Destinations(DeliveryProperties properties, JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        List<Destination> all = new ArrayList<>();
        if (properties.agentUrl() != null) {
            List<String> secrets = properties.agentSecret().isEmpty() ? List.of(agentSecret()) : properties.agentSecret();
            all.add(new Destination(DeliveryProperties.AGENT, properties.agentUrl(), keys(secrets),
                    new LinkedHashSet<>(properties.agentEvents()), properties.agentTimeout(),
                    properties.agentSchedule().schedule(), properties.agentConcurrency(), 0));
        } else {
            log.warn("No agent destination: AGENT_SDK_URL is not set, so accepted events are stored but not delivered to an agent");
        }
        for (DeliveryProperties.DestinationSettings d : properties.destinations()) {
            all.add(new Destination(d.name(), d.url(), keys(d.secret()), new LinkedHashSet<>(d.events()), d.timeout(),
                    d.schedule().schedule(), d.concurrency(), 0));
        }
        Map<String, Destination> byName = new LinkedHashMap<>();
        sync(all).forEach(d -> byName.put(d.name(), d));
        this.byName = Collections.unmodifiableMap(byName);
        this.all = List.copyOf(byName.values());
    }

    List<Destination> all() {
        return all;
    }

    Optional<Destination> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** A 410 Gone: the destination says it no longer exists. Shown in health until someone clears it. */
    void flag(String name, String reason) {
        if (jdbc.sql(FLAG).param("name", name).param("reason", reason).param("now", Timestamp.from(clock.instant())).update() > 0) {
            log.error("Destination {} flagged: {}", name, reason);
        }
    }

    /** @return the destinations with their ordinals */
    private List<Destination> sync(List<Destination> all) {
        Timestamp now = Timestamp.from(clock.instant());
        List<Destination> synced = new ArrayList<>();
        for (Destination d : all) {
            int ordinal = jdbc.sql(UPSERT).param("name", d.name())
                    .param("events", d.events().isEmpty() ? null : d.events().toArray(String[]::new))
                    .param("leaseSeconds", (double) d.lease().toMillis() / 1000).param("now", now)
                    .query(Integer.class).single();
            synced.add(d.withOrdinal(ordinal));
        }
        jdbc.sql(DEACTIVATE_OTHERS).param("names", all.stream().map(Destination::name).toArray(String[]::new))
                .param("now", now).update();
        return synced;
    }

    /**
     * The agent's signing secret when AGENT_SDK_SECRET is unset: made once, kept in the database so every
     * node and every restart signs with the same one, and printed by the node that made it, once.
     */
    private String agentSecret() {
        String generated = StandardWebhooks.generate();
        int inserted = jdbc.sql(INSERT_SECRET).param("destination", DeliveryProperties.AGENT).param("secret", generated)
                .param("now", Timestamp.from(clock.instant())).update();
        if (inserted == 1) {
            System.out.printf("""

                    ================================================================================
                     Switchboard generated the agent's webhook signing secret (shown once):
                       AGENT_SDK_SECRET=%s
                     Configure the agent to verify Standard Webhooks signatures with it.
                    ================================================================================

                    """, generated);
            System.out.flush();
            return generated;
        }
        return jdbc.sql(FIND_SECRET).param("destination", DeliveryProperties.AGENT).query(String.class).single();
    }

    private static List<byte[]> keys(List<String> secrets) {
        return secrets.stream().map(StandardWebhooks::key).toList();
    }
}
