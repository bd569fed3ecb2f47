package dev.switchboard.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A request refused for a reason the caller can act on, answered as {@code application/problem+json}
 * with {@code urn:switchboard:problem:<slug>} as its type. Thrown by any feature; {@link ApiExceptionHandler}
 * writes it.
 *
 * @param retryAfter for 429 and 503: when to try again
 * @param errors     for 400: what is wrong with which field
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String slug;
    private final Duration retryAfter;
    private final List<FieldProblem> errors;

    public ApiProblem(HttpStatus status, String slug, String detail) {
        this(status, slug, detail, null, List.of());
    }

    private ApiProblem(HttpStatus status, String slug, String detail, Duration retryAfter, List<FieldProblem> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.retryAfter = retryAfter;
        this.errors = List.copyOf(errors);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "not-found", detail);
    }

    public static ApiProblem conflict(String slug, String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, slug, detail);
    }

    public static ApiProblem tooManyRequests(Duration retryAfter) {
        return new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                "Too many requests from your address; try again in " + Math.max(1, retryAfter.toSeconds()) + " s.",
                retryAfter, List.of());
    }

    /** A 400 naming every field that is wrong. */
    public static ApiProblem invalid(List<FieldProblem> errors) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-input", errors.size() == 1
                ? errors.getFirst().field() + ": " + errors.getFirst().message()
                : errors.size() + " fields are not valid.", null, errors);
    }

    public HttpStatus status() {
        return status;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Each wrong field with its reasons joined, for a form that shows them beside the fields. */
    public java.util.Map<String, String> fieldErrors() {
        return errors.stream().collect(java.util.stream.Collectors.toMap(FieldProblem::field, FieldProblem::message,
                (a, b) -> a + "; " + b, java.util.LinkedHashMap::new));
    }

    ProblemDetail toProblemDetail() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, getMessage());
        problem.setType(URI.create("urn:switchboard:problem:" + slug));
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    /** One field's problem, in words for the person who filled it in. */
    public record FieldProblem(String field, String message) {
    }
}
