package dev.switchboard.web;

import java.util.Comparator;
import java.util.List;

import dev.switchboard.refusal.Invalid;
import dev.switchboard.refusal.RateLimited;
import dev.switchboard.refusal.Refusal;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Spring MVC's own errors (bad JSON, missing parameter, wrong method, unknown path) and every
 * {@link Refusal} as problem documents; a failed validation lists each field with its reason.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler(Refusal.class)
    ResponseEntity<ProblemDetail> refused(Refusal refusal) {
        var response = ResponseEntity.status(Refusals.status(refusal));
        if (refusal instanceof RateLimited limited) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, limited.retryAfter().toSeconds())));
        }
        return response.body(Refusals.problem(refusal));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<Invalid.FieldProblem> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new Invalid.FieldProblem(f.getField(), f.getDefaultMessage()))
                .sorted(Comparator.comparing(Invalid.FieldProblem::field))
                .toList();
        ProblemDetail problem = Refusals.problem(errors.isEmpty() ? Invalid.field("body", "is not valid") : new Invalid(errors));
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(problem);
    }
}
