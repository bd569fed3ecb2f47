package dev.switchboard.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private final Credentials credentials;

    SessionFollowsUser(Credentials credentials) {
        this.credentials = credentials;
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
            var standing = credentials.standing(signedIn.getUsername());
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
