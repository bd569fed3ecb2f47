package dev.switchboard.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns {@code Authorization: Bearer sb_…} into an authenticated request. A wrong token is not refused
 * here: the request goes on unauthenticated, so an open endpoint (the webhook intake, health) still works
 * and a protected one answers 401 with the reason noted below.
 */
class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

    static final String INVALID_TOKEN = ApiTokenAuthenticationFilter.class.getName() + ".invalid";
    private static final String BEARER = "Bearer ";

    private final ApiTokens tokens;

    ApiTokenAuthenticationFilter(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            tokens.authenticate(header.substring(BEARER.length()).trim()).ifPresentOrElse(
                    principal -> {
                        var authentication = UsernamePasswordAuthenticationToken.authenticated(
                                "token:" + principal.name(), null, principal.role().authorities());
                        var context = SecurityContextHolder.createEmptyContext();
                        context.setAuthentication(authentication);
                        SecurityContextHolder.setContext(context);
                    },
                    () -> request.setAttribute(INVALID_TOKEN, Boolean.TRUE));
        }
        chain.doFilter(request, response);
    }
}
