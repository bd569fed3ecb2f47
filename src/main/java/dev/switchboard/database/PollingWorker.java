package dev.switchboard.database;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A queue's worker on this node: a thread that runs a round ({@link #runOnce}), and when the round came
 * back short of a full batch waits for a wake-up or the poll interval. A round that throws is logged and
 * the loop goes on (what it held is tried again when its lease ends). Stopping lets the round in hand
 * finish. Tests stop it and call {@link #runOnce} themselves, a round at a time.
 */
public abstract class PollingWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PollingWorker.class);

    private final String name;
    private final WakeUp wakeUp;
    private final Duration pollInterval;
    private final int batch;
    private volatile boolean running;
    private Thread thread;

    protected PollingWorker(String name, WakeUp wakeUp, Duration pollInterval, int batch) {
        this.name = name;
        this.wakeUp = wakeUp;
        this.pollInterval = pollInterval;
        this.batch = batch;
    }

    /** Does one round of work. @return how many items it took */
    public abstract int runOnce();

    /** Why this worker cannot run here (logged once at start, and it does not start); null when it can. */
    protected String cannotRun() {
        return null;
    }

    @Override
    public synchronized void start() {
        String why = cannotRun();
        if (why != null) {
            log.warn(why);
            return;
        }
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name(name).start(this::loop);
    }

    @Override
    public synchronized void stop() {
        running = false;
        wakeUp.now();
        if (thread != null) {
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running) {
            try {
                if (runOnce() < batch) {
                    wakeUp.await(pollInterval.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("{} failed a round; what it held is tried again when its lease ends", name, e);
                try {
                    wakeUp.await(1_000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }
}
