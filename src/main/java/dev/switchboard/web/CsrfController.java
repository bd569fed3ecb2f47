package dev.switchboard.web;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/csrf}: the CSRF token of the caller's session, for scripts in the pages that change
 * things through the API with the session rather than a token.
 */
@RestController
class CsrfController {

    @GetMapping("/api/csrf")
    Csrf csrf(CsrfToken token) {
        return new Csrf(token.getHeaderName(), token.getToken());
    }

    record Csrf(String headerName, String token) {
    }
}
