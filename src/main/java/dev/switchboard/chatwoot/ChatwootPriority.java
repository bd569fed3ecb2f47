package dev.switchboard.chatwoot;

import java.util.Locale;
import java.util.Optional;

/** Chatwoot's conversation priorities, lowest first; a conversation may also have none. */
public enum ChatwootPriority {
    LOW, MEDIUM, HIGH, URGENT;

    /** How Chatwoot writes it. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Chatwoot's value; empty for none, blank or an unknown word. */
    public static Optional<ChatwootPriority> of(String wire) {
        if (wire == null || wire.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(wire.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
