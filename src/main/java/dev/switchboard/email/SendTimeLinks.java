package dev.switchboard.email;

import java.util.Optional;
import java.util.UUID;

/** Makes the customer link an email carries, at the moment it is sent; the thread feature provides it. */
public interface SendTimeLinks {

    /** @return the link's address, or empty when none can be made (no portal address set) */
    Optional<String> issue(UUID threadId);
}
