package dev.switchboard.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Judges a logged-in person's session by the database on every request, so that a change takes effect
 * on their next request on every node: a disabled or removed user's session ends, as does one that
 * logged in before the password was changed; a user whose role changed is judged by the new role (and
 * the session keeps it). One indexed read per request, the price of sessions held in each node's memory.
 */
class SessionFollowsUser extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(SessionFollowsUser.class);
    private static final SecurityContextRepository SESSIONS = new HttpSessionSecurityContextRepository();

    private final Users users;

    SessionFollowsUser(Users users) {
        this.users = users;
    }

    /** Static files carry no authority; they need no reading of the user. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/assets/") || path.startsWith("/webjars/") || path.equals("/favicon.ico");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof SignedInUser signedIn) {
            var standing = users.standing(signedIn.getUsername());
            if (standing.isEmpty() || standing.get().disabled()
                    || standing.get().credentialsVersion() != signedIn.credentialsVersion()) {
                log.info("Ended a session of {}: the user is {}", signedIn.getUsername(), standing.isEmpty() ? "gone"
                        : standing.get().disabled() ? "disabled" : "using a new password");
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                SecurityContextHolder.clearContext();
            } else if (standing.get().role() != signedIn.role()) {
                keep(signedIn.withRole(standing.get().role()), authentication, request, response);
            }
        }
        chain.doFilter(request, response);
    }

    /**
     * The person changed their own password in this session: their other sessions end, this one carries on
     * under a new session id, with the new credentials version.
     */
    static void keepAfterOwnPasswordChange(int credentialsVersion, Authentication current, HttpServletRequest request,
                                           HttpServletResponse response) {
        request.changeSessionId();
        keep(signedIn(current).withCredentialsVersion(credentialsVersion), current, request, response);
    }

    /** The person behind a session; an API token is nobody's and is refused. */
    static SignedInUser signedIn(Authentication authentication) {
        if (authentication != null && authentication.getPrincipal() instanceof SignedInUser user) {
            return user;
        }
        throw new ApiProblem(HttpStatus.FORBIDDEN, "not-a-person",
                "This is about the person logged in: an API token belongs to no one. Log in to change it.");
    }

    /**
     * This request and the rest of its session go on as {@code user}: after a role change, or after the
     * person changed their own password here (their other sessions end, this one stays, with a new id).
     */
    static void keep(SignedInUser user, Authentication previous, HttpServletRequest request, HttpServletResponse response) {
        var authentication = UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
        authentication.setDetails(previous.getDetails());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        SESSIONS.saveContext(context, request, response);
    }
}
