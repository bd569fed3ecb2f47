package dev.switchboard.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.web.util.HtmlUtils;

/**
 * What a person hears when the pages' security chain stops them. For htmx calls a redirect to the login
 * page would be followed by htmx and the login form swapped into the middle of a page; instead the whole
 * page goes to the login, and a refusal shows as a message in the page's message area.
 */
final class PageErrors {

    static final String HTMX_HEADER = "HX-Request";
    /** Set on a request refused for an out-of-date CSRF token, so the error page can say so. */
    static final String STALE_PAGE = "switchboardStalePage";
    private static final AccessDeniedHandler PAGE_REFUSAL = new AccessDeniedHandlerImpl();
    private static final AuthenticationEntryPoint LOGIN = new LoginUrlAuthenticationEntryPoint("/login");

    private PageErrors() {
    }

    static boolean isHtmx(HttpServletRequest request) {
        return "true".equals(request.getHeader(HTMX_HEADER));
    }

    /** A page load goes to the login form; an htmx call tells the page to go there as a whole. */
    static void loginAgain(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException, ServletException {
        if (!isHtmx(request)) {
            LOGIN.commence(request, response, e);
            return;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("HX-Redirect", request.getContextPath() + "/login");
    }

    /**
     * An htmx call gets the message in the page. A form posted after the session ended goes back to the
     * login; one posted from a page left open too long is told to reload; anything else is the 403 page.
     */
    static void refused(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException, ServletException {
        if (!isHtmx(request)) {
            if (e instanceof CsrfException && !loggedIn()) {
                response.sendRedirect(request.getContextPath() + "/login?expired");
                return;
            }
            if (e instanceof CsrfException) {
                request.setAttribute(STALE_PAGE, Boolean.TRUE);
            }
            PAGE_REFUSAL.handle(request, response, e);
            return;
        }
        flash(response, HttpServletResponse.SC_FORBIDDEN, e instanceof CsrfException
                ? "Your session has expired or the page is out of date: reload the page and try again."
                : "Your role does not allow this.");
    }

    /** The security context, not the request: the CSRF check runs before the request knows its user. */
    private static boolean loggedIn() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.isAuthenticated() && !(authentication instanceof AnonymousAuthenticationToken);
    }

    /** A message for the page's message area, whichever element the call meant to update. */
    static void flash(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("HX-Retarget", "#flash");
        response.setHeader("HX-Reswap", "innerHTML");
        response.getOutputStream().write(("<p class=\"flash flash-error\" role=\"alert\">" + HtmlUtils.htmlEscape(message) + "</p>")
                .getBytes(StandardCharsets.UTF_8));
    }
}
