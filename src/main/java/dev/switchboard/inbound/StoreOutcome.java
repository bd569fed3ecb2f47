package dev.switchboard.inbound;

import java.util.UUID;

sealed interface StoreOutcome {
    record Stored(UUID eventId) implements StoreOutcome {
    }

    record Duplicate() implements StoreOutcome {
    }
}
