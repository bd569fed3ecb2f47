package dev.switchboard.email;

import dev.switchboard.database.WakeUp;
import org.springframework.stereotype.Component;

/** This node's email worker, woken once the transaction that enqueued an email has committed. */
@Component
class EmailWakeUp {

    private final WakeUp wakeUp = new WakeUp();

    void afterCommit() {
        wakeUp.afterCommit();
    }

    WakeUp signal() {
        return wakeUp;
    }
}
