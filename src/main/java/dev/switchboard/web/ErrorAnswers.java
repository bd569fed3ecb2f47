package dev.switchboard.web;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /error}: where the servlet container sends a request that ended in an error outside any
 * controller: a firewall refusal, a body the container could not parse, a security refusal, an exception
 * that escaped. Under {@code /api/} and {@code /actuator/} the answer is a problem document, elsewhere the
 * error page. It stands in for Spring Boot's own error controller, whose JSON is no problem document.
 */
@Controller
class ErrorAnswers implements ErrorController {

    /** A request attribute: the reason in words, set by whoever refused the request before a controller saw it. */
    static final String REASON = ErrorAnswers.class.getName() + ".reason";

    @RequestMapping("/error")
    ModelAndView error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        String reason = (String) request.getAttribute(REASON);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = (uri instanceof String original ? original : request.getRequestURI())
                .substring(request.getContextPath().length());
        if (Problems.isApi(path)) {
            Problems.write(path, response, status, slug(status), reason != null ? reason : detail(status, request));
            return null;
        }
        boolean pageHasItsOwnWords = status == HttpStatus.NOT_FOUND || status == HttpStatus.FORBIDDEN;
        return PageExceptionHandler.errorPage(status, reason != null || pageHasItsOwnWords ? reason : detail(status, request));
    }

    static String slug(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "bad-request";
            case UNAUTHORIZED -> "unauthenticated";
            case FORBIDDEN -> "forbidden";
            case NOT_FOUND -> "not-found";
            case METHOD_NOT_ALLOWED -> "method-not-allowed";
            case CONTENT_TOO_LARGE -> "too-large";
            default -> status.is5xxServerError() ? "internal-error" : "request-refused";
        };
    }

    static String detail(HttpStatus status, HttpServletRequest request) {
        return switch (status) {
            case BAD_REQUEST -> "The request cannot be read: check its address, headers and body.";
            case FORBIDDEN -> "Your role does not allow this.";
            case NOT_FOUND -> "Nothing answers at this address.";
            case METHOD_NOT_ALLOWED -> "This address does not take " + request.getMethod() + " requests.";
            case CONTENT_TOO_LARGE -> "The request is too large.";
            default -> status.is5xxServerError()
                    ? "Something went wrong on our side. Try again in a moment; if it keeps happening, tell whoever runs Switchboard."
                    : "This request cannot be answered: " + status.getReasonPhrase() + ".";
        };
    }
}
