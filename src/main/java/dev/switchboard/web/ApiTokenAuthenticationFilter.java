package dev.switchboard.web;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request with an {@code Authorization} header is a token request and is judged by its token alone:
 * a valid {@code Bearer sb_…} token acts (no session is used, so no CSRF token is needed), anything else
 * is a 401, even where the session cookie beside it would have been enough. A request without the header
 * is a session request (or anonymous), and the CSRF rules apply to it.
 */
class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final Credentials credentials;

    ApiTokenAuthenticationFilter(Credentials credentials) {
        this.credentials = credentials;
    }

    /** Whether the request is judged by a token; such a request never uses the session. */
    static boolean isTokenRequest(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) != null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isTokenRequest(request)) {
            chain.doFilter(request, response);
            return;
        }
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        Optional<Credentials.TokenHolder> principal = header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? credentials.tokenHolder(header.substring(BEARER.length()).trim()) : Optional.empty();
        if (principal.isEmpty()) {
            Problems.write(request, response, HttpStatus.UNAUTHORIZED, "unauthenticated",
                    "The API token is not valid, or it was revoked. A request with an Authorization header is judged by"
                            + " its token alone (Bearer sb_…), never by a session.");
            return;
        }
        var authentication = UsernamePasswordAuthenticationToken.authenticated(
                "token:" + principal.get().name(), null, principal.get().role().authorities());
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }
}
