package dev.switchboard.sla;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.switchboard.database.Rounds;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fires breaches and at-risk warnings at their instants. Each node sets a timer for every instant due within two
 * sweep intervals: those its own computations produced, after they commit, and those the sweep finds (other
 * nodes', and after a restart). Whichever node's timer goes off first fires the clock; the row lock and the
 * instants recorded on the clock make it once. The sweep also fires what is overdue, whatever a timer missed, and
 * recomputes open clocks a new configuration has not judged. Tests stop it and call {@link #runOnce}.
 */
@Component
class BreachTimer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BreachTimer.class);
    private static final int MAX_CONFLICTS = 5;

    private final ClockRepository repository;
    private final ApplicationEventPublisher publisher;
    private final TransactionTemplate transactions;
    private final TransactionTemplate listeners;
    private final SlaProperties properties;
    private final Clock clock;
    private final Timer lateness;
    private final Timer sweeps;
    private final MeterRegistry meters;
    private final Set<Instant> set = ConcurrentHashMap.newKeySet();
    private final Rounds rounds = new Rounds("sla-timer", 2);
    private volatile SlaClocks clocks;

    BreachTimer(ClockRepository repository, ApplicationEventPublisher publisher, PlatformTransactionManager transactions,
                SlaProperties properties, Clock clock, MeterRegistry meters) {
        this.repository = repository;
        this.publisher = publisher;
        this.transactions = new TransactionTemplate(transactions);
        this.listeners = new TransactionTemplate(transactions);
        this.listeners.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_NESTED);
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.lateness = Timer.builder("switchboard.sla.breach.lateness")
                .description("from a breach's due instant to its firing")
                .publishPercentiles(0.5, 0.99).distributionStatisticExpiry(Duration.ofMinutes(10))
                .register(meters);
        this.sweeps = Timer.builder("switchboard.sla.sweep")
                .description("one sweep: firing what is overdue, recomputing stale clocks, setting timers for what comes due")
                .register(meters);
    }

    /** The clocks recompute what a new configuration has not judged; set once, as they need this timer too. */
    void recomputeWith(SlaClocks clocks) {
        this.clocks = clocks;
    }

    /** One sweep: fires everything due now, recomputes stale open clocks, and sets timers for what comes due soon. @return how many fired */
    int runOnce() {
        long started = System.nanoTime();
        int fired = fireDue();
        SlaClocks recompute = clocks;
        if (recompute != null) {
            Integer done;
            do {
                done = transactions.execute(status -> recompute.recomputeStale(properties.batch()));
            } while (done != null && done >= properties.batch());
        }
        Instant now = clock.instant();
        repository.upcoming(now, now.plus(horizon())).forEach(this::set);
        sweeps.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        return fired;
    }

    /** Fires every clock due now, a batch per transaction. @return how many fired */
    int fireDue() {
        int total = 0;
        int conflicts = 0;
        while (true) {
            List<ClockRepository.Fired> fired;
            try {
                fired = transactions.execute(status -> {
                    List<ClockRepository.Fired> batch = repository.fireDue(clock.instant(), properties.batch());
                    if (!batch.isEmpty()) {
                        announce(batch);
                    }
                    return batch;
                });
            } catch (TransientDataAccessException conflict) {
                // the batch rolled back whole; the transaction we met has gone on by now, so the same batch again
                if (++conflicts > MAX_CONFLICTS) {
                    throw conflict;
                }
                log.info("Firing SLA clocks met a lock conflict ({}); firing them again", conflict.getMostSpecificCause().getMessage());
                continue;
            }
            if (fired == null || fired.isEmpty()) {
                return total;
            }
            for (ClockRepository.Fired f : fired) {
                Counter.builder("switchboard.sla.breaches").description("breaches and at-risk warnings fired")
                        .tag("kind", f.kind().name()).tag("clock", f.clock().name()).register(meters).increment();
                if (f.kind() == BreachKind.BREACHED) {
                    lateness.record(Duration.between(f.dueAt(), f.firedAt()));
                    log.info("SLA breached: {} {} {} was due {} (policy {}, version {})", f.subjectKind(), f.subjectKey(), f.clock(),
                            f.dueAt(), f.policy(), f.configVersion());
                }
            }
            fired.stream().map(ClockRepository.Fired::nextFireAt).filter(java.util.Objects::nonNull).forEach(this::set);
            total += fired.size();
            if (fired.size() < properties.batch()) {
                return total;
            }
        }
    }

    /** A sweep now, on the timer's threads (a new configuration's clocks are recomputed without waiting for the next). */
    void sweepSoon() {
        rounds.after(Duration.ZERO, this::runOnce);
    }

    /**
     * Tells the listeners (triage's escalations) in a savepoint: what they write commits with the breaches, but a listener
     * that fails is logged and never keeps the breaches from being recorded, or this batch would be tried again forever.
     * A lock conflict (a deadlock with the conversation model writing the same conversation) is the exception: it passes,
     * the whole batch rolls back and is fired again, so no breach is recorded without its escalation for a passing cause.
     */
    private void announce(List<ClockRepository.Fired> batch) {
        try {
            listeners.executeWithoutResult(status -> publisher.publishEvent(new BreachesFired(batch.stream()
                    .map(f -> new BreachesFired.Breach(f.kind(), f.subjectKind(), f.subjectKey(), f.clock(), f.policy(), f.configVersion(),
                            f.dueAt(), f.firedAt())).toList())));
        } catch (TransientDataAccessException conflict) {
            throw conflict;
        } catch (RuntimeException e) {
            log.error("{} breaches and warnings were recorded, but a listener failed on them; they are not escalated", batch.size(), e);
        }
    }

    /** Sets timers for those instants once the current transaction commits (at once without one). */
    void afterCommit(List<Instant> instants) {
        if (instants.isEmpty()) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    instants.forEach(BreachTimer.this::set);
                }
            });
        } else {
            instants.forEach(this::set);
        }
    }

    /** A timer for that instant, unless one is set or it is beyond the horizon (a later sweep sets it). */
    private void set(Instant at) {
        Instant now = clock.instant();
        if (!rounds.running() || at.isAfter(now.plus(horizon())) || !set.add(at)) {
            return;
        }
        boolean scheduled = rounds.after(Duration.between(now, at), () -> {
            set.remove(at);
            if (clock.instant().isBefore(at)) {
                set(at);
            } else {
                fireDue();
            }
        });
        if (!scheduled) {
            set.remove(at);
        }
    }

    private Duration horizon() {
        return properties.sweepInterval().multipliedBy(2);
    }

    @Override
    public void start() {
        rounds.start(Duration.ZERO, properties.sweepInterval(), this::runOnce);
    }

    @Override
    public void stop() {
        rounds.stop();
        set.clear();
    }

    @Override
    public boolean isRunning() {
        return rounds.running();
    }
}
