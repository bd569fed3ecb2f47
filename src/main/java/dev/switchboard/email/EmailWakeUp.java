package dev.switchboard.email;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Wakes this node's email worker once the transaction that enqueued an email has committed. */
@Component
class EmailWakeUp {

    private final Semaphore signal = new Semaphore(0);

    void afterCommit() {
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

    void now() {
        signal.release();
    }

    /** @return whether woken before the timeout */
    boolean await(long millis) throws InterruptedException {
        boolean woken = signal.tryAcquire(millis, TimeUnit.MILLISECONDS);
        signal.drainPermits();
        return woken;
    }
}
