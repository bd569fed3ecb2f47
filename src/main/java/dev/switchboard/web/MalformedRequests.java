package dev.switchboard.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads every request's parameters (its query and a posted form) once, first, so that one the container
 * cannot parse (bad percent-encoding, a form over the size limit) is the client's mistake, answered 400
 * or 413 with a reason, wherever it was going. Left to the first reader, the failure surfaced in the
 * CSRF check, a controller's binding or a page, and became a 500 with a stack trace logged at ERROR.
 * Runs after the character encoding is set, so parameters decode as UTF-8.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class MalformedRequests extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(MalformedRequests.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpStatus refusal;
        try {
            request.getParameterMap();
            refusal = null;
        } catch (InvalidParameterException e) {
            refusal = e.getErrorCode() == HttpStatus.CONTENT_TOO_LARGE.value() ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.BAD_REQUEST;
        } catch (IllegalStateException e) {
            // a multipart body over its limits
            refusal = HttpStatus.CONTENT_TOO_LARGE;
        }
        if (refusal == null) {
            chain.doFilter(request, response);
            return;
        }
        // the exception's message quotes the undecodable value; the body is never logged
        log.warn("Refused {} {} from {}: its parameters cannot be read ({})", request.getMethod(),
                Secrets.maskTokens(request.getRequestURI()), request.getRemoteAddr(), refusal.value());
        request.setAttribute(ErrorAnswers.REASON, refusal == HttpStatus.CONTENT_TOO_LARGE
                ? "What was sent is larger than Switchboard accepts. Shorten it and try again."
                : "What was sent cannot be read: it has a broken %-escape. Go back and try again.");
        response.sendError(refusal.value());
    }
}
