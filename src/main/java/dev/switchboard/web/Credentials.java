package dev.switchboard.web;

import java.util.Optional;

/**
 * What the security configuration asks of whoever keeps the accounts, on every request: the holder of
 * an API token, and where a logged-in person stands now. The account module answers; {@code web} defines
 * the question, so the page shell and the security rules need nothing from the features that use them.
 */
public interface Credentials {

    /** The holder of a presented API token, when the token is valid and not revoked. */
    Optional<TokenHolder> tokenHolder(String presented);

    /** What a person's session is judged by now; empty when the user no longer exists. */
    Optional<Standing> standing(String username);

    /** @param name the token's name, what uses it */
    record TokenHolder(String name, Role role) {
    }

    /** @param credentialsVersion raised by every password change; a session that logged in with an older one ends */
    record Standing(Role role, boolean disabled, int credentialsVersion) {
    }
}
