package dev.switchboard.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.switchboard.refusal.NotAllowed;
import org.springframework.security.core.Authentication;

/** For pages and endpoints about the person logged in (their account): who they are, and keeping their session. */
public final class CurrentSession {

    private CurrentSession() {
    }

    /** The username behind a session; an API token belongs to no person and is refused. */
    public static String username(Authentication authentication) {
        return signedIn(authentication).getUsername();
    }

    /**
     * The person changed their own password in this session: their other sessions end, this one carries
     * on under a new session id, with the new credentials version.
     */
    public static void keepAfterOwnPasswordChange(int credentialsVersion, Authentication current, HttpServletRequest request,
                                                  HttpServletResponse response) {
        request.changeSessionId();
        SessionFollowsUser.keep(signedIn(current).withCredentialsVersion(credentialsVersion), current, request, response);
    }

    static SignedInUser signedIn(Authentication authentication) {
        if (authentication != null && authentication.getPrincipal() instanceof SignedInUser user) {
            return user;
        }
        throw new NotAllowed("not-a-person",
                "This is about the person logged in: an API token belongs to no one. Log in to change it.");
    }
}
