package dev.switchboard.database;

import java.util.function.Supplier;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A value read once per transaction: inside one, every caller gets what the first read, so a batch is judged by
 * one version of a configuration however many nodes save new ones meanwhile; outside one, it is read each time.
 */
public final class OncePerTransaction<T> {

    private final Supplier<T> read;

    public OncePerTransaction(Supplier<T> read) {
        this.read = read;
    }

    @SuppressWarnings("unchecked")
    public T get() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return read.get();
        }
        T bound = (T) TransactionSynchronizationManager.getResource(this);
        if (bound != null) {
            return bound;
        }
        T value = read.get();
        TransactionSynchronizationManager.bindResource(this, value);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(OncePerTransaction.this);
            }
        });
        return value;
    }
}
