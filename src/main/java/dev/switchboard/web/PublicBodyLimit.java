package dev.switchboard.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Anyone may post to the {@link PublicEndpoints}, so their bodies are capped before anything reads
 * them: a declared length over the cap is refused with 413 at once, before even the parameters are read
 * ({@link MalformedRequests}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class PublicBodyLimit extends OncePerRequestFilter {

    static final long MAX_BYTES = 64 * 1024;

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !PublicEndpoints.takesPostsFromAnyone(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > MAX_BYTES || (request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") != null)) {
            Problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "too-large",
                    "The request body may have at most " + MAX_BYTES / 1024 + " KB, with its length declared.");
            return;
        }
        chain.doFilter(request, response);
    }
}
