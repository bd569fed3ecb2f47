package dev.switchboard.database;

import java.util.function.IntSupplier;

/** Work on many rows done a batch at a time, so no long lock stands in the way of the rows' other users. */
public final class Batches {

    private Batches() {
    }

    /**
     * Runs {@code once} (which touches at most {@code batch} rows) again while it comes back full.
     *
     * @return how many rows it touched in all
     */
    public static long whileFull(int batch, IntSupplier once) {
        long total = 0;
        int done;
        do {
            done = once.getAsInt();
            total += done;
        } while (done == batch);
        return total;
    }
}
