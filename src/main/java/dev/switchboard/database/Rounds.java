package dev.switchboard.database;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work on a schedule, for a component that is a {@code SmartLifecycle}: a round every interval on its own daemon
 * threads (a round that throws is logged and the next runs), and one-off tasks now or after a delay on the same
 * threads. Stopping lets a running round finish (up to 30 s). Tests stop it and call the round themselves.
 */
public final class Rounds {

    private static final Logger log = LoggerFactory.getLogger(Rounds.class);

    private final String name;
    private final int threads;
    private volatile ScheduledThreadPoolExecutor executor;

    public Rounds(String name, int threads) {
        this.name = name;
        this.threads = threads;
    }

    /** Starts a round every {@code every}, the first after {@code first}. */
    public synchronized void start(Duration first, Duration every, Runnable round) {
        if (executor != null) {
            return;
        }
        ScheduledThreadPoolExecutor started = new ScheduledThreadPoolExecutor(threads, Thread.ofPlatform().name(name + "-", 0).daemon().factory());
        started.setRemoveOnCancelPolicy(true);
        started.scheduleWithFixedDelay(() -> guarded(round), first.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        executor = started;
    }

    public synchronized void stop() {
        ScheduledThreadPoolExecutor running = executor;
        executor = null;
        if (running != null) {
            running.shutdownNow();
            try {
                running.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean running() {
        return executor != null;
    }

    /** Runs the task after the delay on these threads. @return false when stopped (nothing is run) */
    public boolean after(Duration delay, Runnable task) {
        ScheduledThreadPoolExecutor running = executor;
        if (running == null) {
            return false;
        }
        running.schedule(() -> guarded(task), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        return true;
    }

    private void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.error("{} failed a round; the next one runs as scheduled", name, e);
        }
    }
}
