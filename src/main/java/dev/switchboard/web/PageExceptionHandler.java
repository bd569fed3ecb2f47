package dev.switchboard.web;

import jakarta.servlet.http.HttpServletRequest;

import dev.switchboard.refusal.RateLimited;
import dev.switchboard.refusal.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;

/**
 * Refusals in pages, in words: an htmx call gets the message in the page's message area, a page load
 * the error page with the message. Nothing here shows a stack trace; unexpected failures are logged.
 */
@ControllerAdvice(annotations = PageController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(PageExceptionHandler.class);

    @ExceptionHandler(Refusal.class)
    ModelAndView refused(Refusal refusal, HttpServletRequest request) {
        ModelAndView answer = answer(Refusals.status(refusal), refusal.getMessage(), request);
        if (refusal instanceof RateLimited limited) {
            answer.addObject("retryAfter", Math.max(1, limited.retryAfter().toSeconds()));
        }
        return answer;
    }

    @ExceptionHandler({TypeMismatchException.class, MissingServletRequestParameterException.class,
            HandlerMethodValidationException.class})
    ModelAndView badAddress(Exception e, HttpServletRequest request) {
        return answer(HttpStatus.BAD_REQUEST, "This address has a value the page does not understand. Go back and try again.",
                request);
    }

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse error && error.getStatusCode().is4xxClientError()) {
            HttpStatus status = HttpStatus.valueOf(error.getStatusCode().value());
            return answer(status, ErrorAnswers.detail(status, request), request);
        }
        log.error("A page failed", e);
        return answer(HttpStatus.INTERNAL_SERVER_ERROR, ErrorAnswers.detail(HttpStatus.INTERNAL_SERVER_ERROR, request), request);
    }

    /** No response parameter here: Spring would take the request as handled and render nothing. */
    private static ModelAndView answer(HttpStatus status, String message, HttpServletRequest request) {
        if (PageErrors.isHtmx(request)) {
            View flash = (model, req, res) -> {
                if (model != null && model.get("retryAfter") != null) {
                    res.setHeader(HttpHeaders.RETRY_AFTER, model.get("retryAfter").toString());
                }
                PageErrors.flash(res, status.value(), message);
            };
            ModelAndView answer = new ModelAndView(flash);
            answer.setStatus(status);
            return answer;
        }
        return errorPage(status, message);
    }

    /** The error page with its status, and a message in words when there is one beyond the status's. */
    static ModelAndView errorPage(HttpStatus status, String detail) {
        ModelAndView page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        page.addObject("error", status.getReasonPhrase());
        page.addObject("detail", detail);
        return page;
    }
}
