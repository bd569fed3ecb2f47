package dev.switchboard.support;

import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Empties tables while the application's other workers keep running. A worker that locks two of them in the other
 * order can deadlock with the TRUNCATE; PostgreSQL then cancels one side, and if it is ours we simply try again.
 */
public final class Truncate {

    private Truncate() {
    }

    /** @param tables comma-separated, as TRUNCATE takes them; CASCADE is added */
    public static void tables(JdbcClient jdbc, String tables) {
        for (int attempt = 1; ; attempt++) {
            try {
                jdbc.sql("TRUNCATE " + tables + " CASCADE").update();
                return;
            } catch (PessimisticLockingFailureException deadlock) {
                if (attempt == 5) {
                    throw deadlock;
                }
            }
        }
    }
}
