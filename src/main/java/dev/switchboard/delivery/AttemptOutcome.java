package dev.switchboard.delivery;

import java.time.Instant;

/** What becomes of a delivery after an attempt. */
sealed interface AttemptOutcome {

    record Delivered() implements AttemptOutcome {
    }

    record RetryLater(Instant at) implements AttemptOutcome {
    }

    /** @param gone the destination answered 410: flag it for a person */
    record Dead(boolean gone) implements AttemptOutcome {
    }
}
