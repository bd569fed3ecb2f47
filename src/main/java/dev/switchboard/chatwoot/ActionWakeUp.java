package dev.switchboard.chatwoot;

import dev.switchboard.database.WakeUp;
import org.springframework.stereotype.Component;

/** This node's action workers, woken when an enqueueing transaction commits. */
@Component
class ActionWakeUp {

    private final WakeUp wakeUp = new WakeUp();

    void afterCommit() {
        wakeUp.afterCommit();
    }

    WakeUp signal() {
        return wakeUp;
    }
}
