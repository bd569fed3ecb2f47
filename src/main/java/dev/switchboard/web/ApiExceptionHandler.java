package dev.switchboard.web;

import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Spring MVC's own errors (bad JSON, missing parameter, wrong method, unknown path) as problem documents. */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {
}
