package dev.switchboard.database;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Wakes a queue's worker on this node: once the transaction that enqueued work has committed (before
 * that, the worker would find nothing), or at once. Other nodes find the work when they next poll.
 */
public final class WakeUp {

    private final Semaphore signal = new Semaphore(0);

    public void afterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    signal.release();
                }
            });
        } else {
            signal.release();
        }
    }

    public void now() {
        signal.release();
    }

    /** @return whether woken before the timeout */
    public boolean await(long millis) throws InterruptedException {
        boolean woken = signal.tryAcquire(millis, TimeUnit.MILLISECONDS);
        signal.drainPermits();
        return woken;
    }
}
