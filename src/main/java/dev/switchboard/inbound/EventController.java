package dev.switchboard.inbound;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/events}: what the intake stored, newest first, without bodies (they carry contact tokens). */
@RestController
class EventController {

    private static final String COLUMNS = """
            SELECT id, event_type, account_id, conversation_id, message_id, chatwoot_delivery_id, signature, received_at,
                   octet_length(body) AS body_bytes
            FROM events
            """;
    private static final String FIND = COLUMNS + " WHERE id = :id";
    private static final String RECENT = COLUMNS + " ORDER BY received_at DESC, id DESC LIMIT :limit";

    private final JdbcClient jdbc;

    EventController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/events/{id}")
    ResponseEntity<?> find(@PathVariable UUID id) {
        return jdbc.sql(FIND).param("id", id).query(EventView.class).optional()
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
                        .body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No event with id " + id + ".")));
    }

    @GetMapping("/api/events")
    List<EventView> recent(@RequestParam(defaultValue = "50") int limit) {
        return jdbc.sql(RECENT).param("limit", Math.clamp(limit, 1, 500)).query(EventView.class).list();
    }

    record EventView(UUID id, String eventType, Long accountId, Long conversationId, Long messageId, String chatwootDeliveryId,
                     String signature, Instant receivedAt, int bodyBytes) {
    }
}
