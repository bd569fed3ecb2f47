package dev.switchboard.web;

import java.net.URI;

import dev.switchboard.refusal.Conflict;
import dev.switchboard.refusal.Gone;
import dev.switchboard.refusal.Unauthenticated;
import dev.switchboard.refusal.Invalid;
import dev.switchboard.refusal.NotAllowed;
import dev.switchboard.refusal.NotFound;
import dev.switchboard.refusal.RateLimited;
import dev.switchboard.refusal.Refusal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The one place where a kind of refusal gets its HTTP status and its problem document; the API's advice,
 * the pages' advice and pages that draw their own refusal (the portal) all ask here.
 */
public final class Refusals {

    private Refusals() {
    }

    public static HttpStatus status(Refusal refusal) {
        return switch (refusal) {
            case NotFound n -> HttpStatus.NOT_FOUND;
            case Conflict c -> HttpStatus.CONFLICT;
            case Invalid i -> HttpStatus.BAD_REQUEST;
            case RateLimited r -> HttpStatus.TOO_MANY_REQUESTS;
            case NotAllowed n -> HttpStatus.FORBIDDEN;
            case Gone g -> HttpStatus.GONE;
            case Unauthenticated u -> HttpStatus.UNAUTHORIZED;
        };
    }

    static ProblemDetail problem(Refusal refusal) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status(refusal), refusal.getMessage());
        problem.setType(URI.create("urn:switchboard:problem:" + refusal.reason()));
        if (refusal instanceof Invalid invalid) {
            problem.setProperty("errors", invalid.errors());
        }
        return problem;
    }
}
