package dev.switchboard.chatwoot;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Chatwoot as the probes found it, and the actions' backlog: what the health summary and the dashboard show. */
@Component
public class ChatwootHealth {

    private static final String RECENT = """
            SELECT checked_at, online, health, services FROM chatwoot_probes ORDER BY checked_at DESC LIMIT :limit
            """;
    /** Since when Chatwoot has been in its latest state: the first probe after the last one that disagreed. */
    private static final String SINCE = """
            SELECT min(checked_at) FROM chatwoot_probes
            WHERE checked_at > coalesce((SELECT max(checked_at) FROM chatwoot_probes WHERE online <> :online), '-infinity')
            """;
    private static final String FAILURES_IN_A_ROW = """
            SELECT count(*) FROM chatwoot_probes
            WHERE NOT online AND checked_at > coalesce((SELECT max(checked_at) FROM chatwoot_probes WHERE online), '-infinity')
            """;
    private static final String TRANSITIONS = """
            SELECT checked_at, online FROM (
                SELECT checked_at, online, lag(online) OVER (ORDER BY checked_at) AS before FROM chatwoot_probes) p
            WHERE before IS DISTINCT FROM online ORDER BY checked_at DESC LIMIT :limit
            """;

    private final JdbcClient jdbc;
    private final ChatwootProperties chatwoot;
    private final ChatwootProbeProperties probe;
    private final ActionWorker worker;
    private final ChatwootActions actions;

    ChatwootHealth(JdbcClient jdbc, ChatwootProperties chatwoot, ChatwootProbeProperties probe, ActionWorker worker,
                   ChatwootActions actions) {
        this.jdbc = jdbc;
        this.chatwoot = chatwoot;
        this.probe = probe;
        this.worker = worker;
        this.actions = actions;
    }

    public Snapshot snapshot() {
        List<Probe> recent = jdbc.sql(RECENT).param("limit", 10).query((rs, n) -> new Probe(rs.getTimestamp("checked_at").toInstant(),
                rs.getBoolean("online"), rs.getString("health"), rs.getString("services"))).list();
        Boolean online = recent.isEmpty() ? null : recent.getFirst().online();
        Instant since = online == null ? null : jdbc.sql(SINCE).param("online", online).query(Timestamp.class).optional()
                .map(Timestamp::toInstant).orElse(null);
        long failures = jdbc.sql(FAILURES_IN_A_ROW).query(Long.class).single();
        List<Transition> transitions = jdbc.sql(TRANSITIONS).param("limit", 10).query((rs, n) -> new Transition(
                rs.getTimestamp("checked_at").toInstant(), rs.getBoolean("online"))).list();
        ChatwootActions.Backlog backlog = actions.backlog();
        return new Snapshot(chatwoot.baseUrl() != null, worker.chatwootConfigured(), online, since, failures,
                failures >= probe.failuresAlert(), recent, transitions, backlog, worker.throttledFor().toSeconds());
    }

    /**
     * @param configured        whether Chatwoot's address is set (nothing is probed without it)
     * @param actionsConfigured whether actions can be carried out (address and API key set)
     * @param online            whether the latest probe found Chatwoot up; null before the first probe
     * @param since             when Chatwoot entered its current state, as far as the kept probes tell
     * @param failuresInARow    failed probes since the last good one
     * @param alert             whether that is enough failures to tell people
     */
    public record Snapshot(boolean configured, boolean actionsConfigured, Boolean online, Instant since, long failuresInARow,
                           boolean alert, List<Probe> recent, List<Transition> transitions, ChatwootActions.Backlog actions,
                           long throttledSeconds) {
    }

    public record Probe(Instant checkedAt, boolean online, String health, String services) {
    }

    public record Transition(Instant at, boolean online) {
    }
}
