package dev.switchboard.inbound;

import java.net.URI;

import org.springframework.http.HttpStatus;

/** Why a webhook was refused: its HTTP status, problem type, metric tag and the words a person reads. */
enum RejectionReason {
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
            "The body must be sent as Content-Type: application/json."),
    BODY_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "body-too-large",
            "The body is larger than the intake accepts (switchboard.inbound.max-body-size)."),
    SIGNATURE_MISSING(HttpStatus.UNAUTHORIZED, "signature-missing",
            "X-Chatwoot-Signature and X-Chatwoot-Timestamp are required; set the webhook secret in Chatwoot and in CHATWOOT_WEBHOOK_SECRET."),
    SIGNATURE_MALFORMED(HttpStatus.UNAUTHORIZED, "signature-malformed",
            "X-Chatwoot-Signature must be sha256=<64 hex digits> and X-Chatwoot-Timestamp a Unix time in seconds."),
    SIGNATURE_MISMATCH(HttpStatus.UNAUTHORIZED, "signature-mismatch",
            "The signature does not match the body and timestamp for any configured webhook secret."),
    TIMESTAMP_STALE(HttpStatus.UNAUTHORIZED, "timestamp-stale",
            "X-Chatwoot-Timestamp is too far from the current time (switchboard.inbound.timestamp-tolerance)."),
    NO_SECRET_CONFIGURED(HttpStatus.UNAUTHORIZED, "no-secret-configured",
            "Switchboard has no webhook secret configured, so it cannot verify any webhook; set CHATWOOT_WEBHOOK_SECRET."),
    NOT_JSON(HttpStatus.BAD_REQUEST, "not-json", "The body is not valid JSON."),
    NOT_A_JSON_OBJECT(HttpStatus.BAD_REQUEST, "not-a-json-object", "The body must be a JSON object."),
    STORAGE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "storage-unavailable",
            "The event could not be stored right now, so it was not accepted. Nothing was kept.");

    private final HttpStatus status;
    private final String slug;
    private final String detail;

    RejectionReason(HttpStatus status, String slug, String detail) {
        this.status = status;
        this.slug = slug;
        this.detail = detail;
    }

    HttpStatus status() {
        return status;
    }

    String tag() {
        return slug;
    }

    String detail() {
        return detail;
    }

    URI type() {
        return URI.create("urn:switchboard:problem:webhook-" + slug);
    }
}
