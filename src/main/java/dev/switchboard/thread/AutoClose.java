package dev.switchboard.thread;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Closes RESOLVED threads the customer left unanswered; one statement, safe on several nodes at once. */
@Component
class AutoClose {

    private static final Logger log = LoggerFactory.getLogger(AutoClose.class);

    private final Threads threads;
    private final ThreadProperties properties;

    AutoClose(Threads threads, ThreadProperties properties) {
        this.threads = threads;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "5m", initialDelayString = "1m")
    void closeQuietResolvedThreads() {
        try {
            int closed;
            do {
                closed = threads.closeResolvedOlderThan(properties.autoCloseAfter());
                if (closed > 0) {
                    log.info("Closed {} threads resolved more than {} ago", closed, properties.autoCloseAfter());
                }
            } while (closed > 0);
        } catch (RuntimeException e) {
            log.error("Could not close resolved threads; trying again in 5 minutes", e);
        }
    }
}
