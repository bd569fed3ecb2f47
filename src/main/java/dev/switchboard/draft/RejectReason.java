package dev.switchboard.draft;

import java.util.Locale;
import java.util.Optional;

/** Why a person rejected a draft, as the agent learns it. */
public enum RejectReason {
    WRONG_FACTS, WRONG_TONE, POLICY, NOT_NEEDED, OTHER;

    /** {@code wrong-facts}, {@code wrong_facts} or {@code WRONG FACTS}; empty for anything else. */
    static Optional<RejectReason> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String name = text.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (RejectReason reason : values()) {
            if (reason.name().equals(name)) {
                return Optional.of(reason);
            }
        }
        return Optional.empty();
    }

    String words() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
