package dev.switchboard.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * An address nothing answers: a problem document under {@code /api/} and {@code /actuator/}, the "not
 * found" page anywhere else, where a person in a browser asked for it.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UnknownAddresses {

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ModelAndView notFound(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (Problems.isApi(path)) {
            View problem = (model, req, res) -> Problems.write(req, res, HttpStatus.NOT_FOUND, "not-found",
                    "Nothing answers at " + path + ".");
            return new ModelAndView(problem);
        }
        return PageExceptionHandler.errorPage(HttpStatus.NOT_FOUND, null);
    }
}
