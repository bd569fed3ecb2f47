package dev.switchboard.web;

import java.util.Comparator;
import java.util.List;

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
 * {@link ApiProblem} as problem documents; a failed validation lists each field with its reason.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> problem(ApiProblem problem) {
        var response = ResponseEntity.status(problem.status());
        if (problem.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, problem.retryAfter().toSeconds())));
        }
        return response.body(problem.toProblemDetail());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<ApiProblem.FieldProblem> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new ApiProblem.FieldProblem(f.getField(), f.getDefaultMessage()))
                .sorted(Comparator.comparing(ApiProblem.FieldProblem::field))
                .toList();
        ProblemDetail problem = ApiProblem.invalid(errors.isEmpty()
                ? List.of(new ApiProblem.FieldProblem("body", "is not valid")) : errors).toProblemDetail();
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(problem);
    }
}
