package dev.switchboard.sla;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.switchboard.database.UuidV7;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The SLA clocks of conversations and threads. Their owners say when a subject changed (in the transaction that
 * changed it); the clocks are then computed again from the subject's whole history with the configuration in force,
 * and the timers of this node are set for what comes due.
 */
@Component
public class SlaClocks {

    private final ObjectProvider<SlaSubjects> subjects;
    private final SlaConfigStore store;
    private final ClockRepository repository;
    private final SlaQueries queries;
    private final BreachTimer timer;
    private final PendingClocks pending;
    private final Clock clock;
    private volatile Map<SubjectKind, SlaSubjects> ports;

    SlaClocks(ObjectProvider<SlaSubjects> subjects, SlaConfigStore store, ClockRepository repository, SlaQueries queries,
              BreachTimer timer, PendingClocks pending, Clock clock) {
        this.pending = pending;
        this.subjects = subjects;
        this.store = store;
        this.repository = repository;
        this.queries = queries;
        this.timer = timer;
        this.clock = clock;
        timer.recomputeWith(this);
    }

    /**
     * Those subjects changed: their clocks are computed again after the caller's transaction commits, by the clock
     * worker, a batch at a time (the conversation model's way: it never waits for the clocks).
     */
    public void changedSoon(SubjectKind kind, Collection<String> keys) {
        pending.queue(kind, keys);
    }

    /** Those subjects changed: their clocks are computed again now, in the caller's transaction (a thread's request). */
    public void changed(SubjectKind kind, Collection<String> keys) {
        SlaSubjects port = ports().get(kind);
        if (keys.isEmpty() || port == null) {
            return;
        }
        List<String> distinct = keys.stream().distinct().sorted().toList();
        recompute(kind, distinct, port.facts(distinct));
    }

    /** The clocks of one conversation or thread, the most urgent first. */
    public List<ClockView> clocks(SubjectKind kind, String key) {
        return queries.clocks(kind, key, clock.instant());
    }

    /** Breaches and warnings fired since then, the latest first; null parts match anything. */
    public List<Breach> breaches(Instant since, BreachKind kind, SubjectKind subjectKind, String subjectKey, int limit) {
        return queries.breaches(since, kind, subjectKind, subjectKey, limit);
    }

    /** Deadlines met in time and missed since then. */
    public Adherence adherence(Instant since) {
        return queries.adherence(since, clock.instant());
    }

    /** Running clocks past their due instant now: deadlines missed that nobody has met yet. */
    public long overdue() {
        return queries.overdue(clock.instant());
    }

    /** How many breaches fired since then. */
    public long breachesSince(Instant since) {
        return queries.breachesSince(since);
    }

    /** Running clocks past their at-risk instant, the most urgent first. */
    public List<AtRisk> atRisk(int limit) {
        return queries.atRisk(clock.instant(), limit);
    }

    /** Recomputes up to {@code limit} open subjects a new configuration has not judged yet. @return how many */
    int recomputeStale(int limit) {
        int version = store.current().version();
        Map<SubjectKind, List<String>> stale = repository.stale(version, limit);
        int done = 0;
        for (Map.Entry<SubjectKind, List<String>> kind : stale.entrySet()) {
            SlaSubjects port = ports().get(kind.getKey());
            List<SubjectFacts> facts = port == null ? List.of() : port.facts(kind.getValue());
            recompute(kind.getKey(), kind.getValue(), facts);
            done += kind.getValue().size();
        }
        return done;
    }

    /**
     * @param keys  the subjects to compute, sorted (rows are locked in that order, so two nodes never deadlock)
     * @param facts those of them that exist; one that no longer does keeps its clocks as they are
     */
    private void recompute(SubjectKind kind, List<String> keys, List<SubjectFacts> facts) {
        SlaConfigStore.InForce config = store.current();
        Instant now = clock.instant();
        List<String> found = new ArrayList<>();
        List<String> states = new ArrayList<>();
        List<String> policies = new ArrayList<>();
        Map<String, SlaConfig.Policy> policyOf = new HashMap<>();
        for (SubjectFacts f : facts) {
            SlaConfig.Policy policy = config.config().policyFor(kind, f.attributes());
            found.add(f.key());
            states.add(f.state().name());
            policies.add(policy == null ? null : policy.name());
            policyOf.put(f.key(), policy);
        }
        repository.leaveAsTheyAre(kind, keys.stream().filter(k -> !policyOf.containsKey(k)).toList(), config.version());
        if (found.isEmpty()) {
            return;
        }
        Map<String, Instant> firstSeen = repository.upsertSubjects(kind, found, states, policies, config.version(), now);
        repository.recordStates(kind, facts, now);
        Map<String, List<ClockPlan.StateChange>> history = repository.stateChanges(kind, found);
        List<ClockRepository.Row> rows = new ArrayList<>();
        for (SubjectFacts f : facts) {
            SlaConfig.Policy policy = policyOf.get(f.key());
            if (policy == null) {
                continue;
            }
            for (ClockPlan.Planned planned : ClockPlan.plan(f, history.getOrDefault(f.key(), List.of()), policy, config.calendar(policy),
                    SlaConfigStore.InForce.ALWAYS)) {
                rows.add(new ClockRepository.Row(UuidV7.next(clock), f.key(), planned, policy.name(), firstSeen.get(f.key())));
            }
        }
        timer.afterCommit(repository.replaceClocks(kind, found, rows, config.version()));
    }

    private Map<SubjectKind, SlaSubjects> ports() {
        Map<SubjectKind, SlaSubjects> held = ports;
        if (held == null) {
            held = new EnumMap<>(SubjectKind.class);
            for (SlaSubjects port : subjects) {
                held.put(port.kind(), port);
            }
            ports = held;
        }
        return held;
    }

    /**
     * One clock as the pages show it.
     *
     * @param remainingSeconds what is left before the due instant (negative: overdue); null when met, stopped, or paused
     *                         with the time left in {@code pausedRemainingSeconds}
     * @param breached         whether the due instant passed before it was met
     */
    public record ClockView(ClockKind clock, ClockState state, String policy, int configVersion, long targetSeconds,
                            boolean businessHours, Instant startedAt, Instant atRiskAt, Instant dueAt, Instant endedAt,
                            Instant pausedSince, Long pausedRemainingSeconds, Long remainingSeconds, boolean atRisk, boolean breached) {

        /** Where it stands, in words: "12 min left", "overdue by 1 h 5 min", "paused, 40 min left", "met in time". */
        public String standing() {
            return switch (state) {
                case RUNNING -> remainingSeconds == null ? "running"
                        : remainingSeconds >= 0 ? words(remainingSeconds) + " left" : "overdue by " + words(-remainingSeconds);
                case PAUSED -> pausedRemainingSeconds == null ? "paused" : "paused, " + words(pausedRemainingSeconds) + " left";
                case MET -> breached ? "met late" : "met in time";
                case STOPPED -> "stopped: resolved before a reply";
            };
        }

        /** The clock's name in words. */
        public String name() {
            return switch (clock) {
                case FIRST_RESPONSE -> "First response";
                case NEXT_RESPONSE -> "Next response";
                case RESOLUTION -> "Resolution";
            };
        }

        private static String words(long seconds) {
            if (seconds < 60) {
                return seconds + " s";
            }
            long minutes = seconds / 60;
            if (minutes < 60) {
                return minutes + " min";
            }
            long hours = minutes / 60;
            return hours < 48 ? hours + " h " + minutes % 60 + " min" : hours / 24 + " d " + hours % 24 + " h";
        }
    }

    /** A breach or warning as it fired. */
    public record Breach(java.util.UUID id, BreachKind kind, SubjectKind subjectKind, String subjectKey, ClockKind clock, Instant dueAt,
                         Instant firedAt, String policy, int configVersion) {
    }

    /** Deadlines met in time and missed. */
    public record Adherence(long met, long missed) {

        /** The share met in time, or null with no deadline. */
        public Double share() {
            return met + missed == 0 ? null : (double) met / (met + missed);
        }
    }

    /** A running clock past its at-risk instant (or its due instant). */
    public record AtRisk(SubjectKind subjectKind, String subjectKey, ClockKind clock, String policy, Instant dueAt) {
    }
}
