package dev.switchboard.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.switchboard.database.UuidV7;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/webhooks/chatwoot}. Chatwoot posts each webhook once, waits 5 s and never retries, so
 * this answers 200 only once the event is committed, and refuses anything else with a reason. The body
 * is read as raw bytes (never bound to an object) because the signature covers those exact bytes.
 */
@RestController
class WebhookController {

    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);
    private static final int MAX_DELIVERY_ID = 200;

    private final ChatwootSignature signature;
    private final EventParser parser;
    private final EventWriter writer;
    private final InboundMetrics metrics;
    private final InboundProperties properties;
    private final Clock clock;

    WebhookController(ChatwootSignature signature, EventParser parser, EventWriter writer, InboundMetrics metrics,
                      InboundProperties properties, Clock clock) {
        this.signature = signature;
        this.parser = parser;
        this.writer = writer;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping("/api/webhooks/chatwoot")
    void receive(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Instant receivedAt = clock.instant();
        requireJson(request.getContentType());
        byte[] body = readBody(request);
        String deliveryId = deliveryId(request.getHeader("X-Chatwoot-Delivery"));
        SignatureCheck check = signature.check(request.getHeader("X-Chatwoot-Timestamp"),
                request.getHeader("X-Chatwoot-Signature"), body, receivedAt);
        if (check instanceof SignatureCheck.Invalid(RejectionReason reason)) {
            if (properties.signatureMode() == SignatureMode.ENFORCE) {
                throw new Rejected(reason);
            }
            log.warn("Accepting webhook (delivery {}) with an invalid signature: {}", deliveryId, reason.tag());
        }
        ParsedEvent parsed;
        try {
            parsed = parser.parse(body);
        } catch (EventParser.InvalidBody e) {
            throw new Rejected(e.reason());
        }
        NewEvent event = new NewEvent(UuidV7.next(clock), parsed, deliveryId, check, receivedAt, body);
        String answer = switch (awaitStored(event)) {
            case StoreOutcome.Stored(var id) -> {
                metrics.stored(check);
                yield "{\"eventId\":\"" + id + "\",\"duplicate\":false}";
            }
            case StoreOutcome.Duplicate() -> {
                metrics.duplicate();
                log.debug("Duplicate webhook {} (delivery {}) dropped", parsed.eventType(), deliveryId);
                yield "{\"duplicate\":true}";
            }
        };
        // written directly: message-converter content negotiation cost more than the rest of the request
        byte[] bytes = answer.getBytes(StandardCharsets.US_ASCII);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private StoreOutcome awaitStored(NewEvent event) {
        try {
            return writer.store(event).get(properties.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Rejected(RejectionReason.STORAGE_UNAVAILABLE);
        } catch (ExecutionException | TimeoutException e) {
            // Not acknowledged, so Chatwoot's log shows the failure; a late commit is kept and delivered.
            log.error("Webhook {} (event {}) not acknowledged: {}", event.parsed().eventType(), event.id(),
                    e instanceof ExecutionException ? e.getCause().toString() : "commit took longer than " + properties.ackTimeout());
            throw new Rejected(RejectionReason.STORAGE_UNAVAILABLE);
        }
    }

    private static void requireJson(String contentType) {
        if (contentType == null) {
            throw new Rejected(RejectionReason.UNSUPPORTED_MEDIA_TYPE);
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            if (!MediaType.APPLICATION_JSON.isCompatibleWith(type) || type.isWildcardType() || type.isWildcardSubtype()) {
                throw new Rejected(RejectionReason.UNSUPPORTED_MEDIA_TYPE);
            }
        } catch (InvalidMediaTypeException e) {
            throw new Rejected(RejectionReason.UNSUPPORTED_MEDIA_TYPE);
        }
    }

    private byte[] readBody(HttpServletRequest request) throws IOException {
        long limit = properties.maxBodySize().toBytes();
        if (request.getContentLengthLong() > limit) {
            throw new Rejected(RejectionReason.BODY_TOO_LARGE);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) limit + 1);
            if (body.length > limit) {
                throw new Rejected(RejectionReason.BODY_TOO_LARGE);
            }
            return body;
        }
    }

    private static String deliveryId(String header) {
        if (header == null || header.isBlank() || header.length() > MAX_DELIVERY_ID
                || header.chars().anyMatch(Character::isISOControl)) {
            return null;
        }
        return header.trim();
    }

    @ExceptionHandler(Rejected.class)
    ResponseEntity<ProblemDetail> rejected(Rejected rejected) {
        RejectionReason reason = rejected.reason;
        metrics.rejected(reason);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(reason.status(), reason.detail());
        problem.setType(reason.type());
        problem.setTitle(reason.status().getReasonPhrase());
        problem.setProperty("reason", reason.tag());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(reason.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (reason == RejectionReason.STORAGE_UNAVAILABLE) {
            response.header(HttpHeaders.RETRY_AFTER, "5");
        }
        return response.body(problem);
    }

    private static final class Rejected extends RuntimeException {
        private final RejectionReason reason;

        Rejected(RejectionReason reason) {
            super(reason.tag(), null, false, false);
            this.reason = reason;
        }
    }
}
