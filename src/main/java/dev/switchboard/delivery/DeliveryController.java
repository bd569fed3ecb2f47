package dev.switchboard.delivery;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.switchboard.refusal.NotFound;
import com.fasterxml.jackson.annotation.JsonAlias;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/deliveries}: what is stuck and putting it back. Reading needs VIEWER; replaying needs AGENT.
 */
@RestController
@RequestMapping("/api/deliveries")
class DeliveryController {

    private final DeliveryQueries queries;
    private final Replays replays;
    private final ReplayStarter starter;

    DeliveryController(DeliveryQueries queries, Replays replays, ReplayStarter starter) {
        this.queries = queries;
        this.replays = replays;
        this.starter = starter;
    }

    @GetMapping
    Page list(@RequestParam(required = false) DeliveryStatus status,
              @RequestParam(required = false) @Size(max = 100) String destination,
              @RequestParam(required = false) @Size(max = 200) String eventType,
              @RequestParam(required = false) @Size(max = 20) String lastError,
              @RequestParam(name = "event", required = false) @Size(max = 200) String oldEventType,
              @RequestParam(name = "errorClass", required = false) @Size(max = 20) String oldLastError,
              @RequestParam(required = false) Instant from,
              @RequestParam(required = false) Instant to,
              @RequestParam(required = false) UUID before,
              @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        DeliveryFilter filter = new DeliveryFilter(status, destination, eventType != null ? eventType : oldEventType,
                lastError != null ? lastError : oldLastError, from, to);
        List<DeliveryQueries.DeliveryView> items = queries.list(filter, before, limit);
        UUID next = items.size() == limit ? items.getLast().id() : null;
        return new Page(items, next);
    }

    @GetMapping("/{id}")
    DeliveryQueries.DeliveryDetail one(@PathVariable UUID id) {
        return queries.find(id).orElseThrow(() -> ReplayStarter.notFound(id));
    }

    @PostMapping("/{id}/replay")
    ResponseEntity<Replays.Started> replayOne(@PathVariable UUID id) {
        Replays.Started started = starter.one(id);
        return ResponseEntity.accepted().location(URI.create("/api/deliveries/replays/" + started.replayId())).body(started);
    }

    /** With {@code dryRun} (the default) only counts what would be replayed. */
    @PostMapping("/replays")
    ResponseEntity<?> replayMatching(@Valid @RequestBody ReplayRequest request) {
        DeliveryFilter filter = request.filter();
        if (request.dryRun() == null || request.dryRun()) {
            return ResponseEntity.ok(Map.of("dryRun", true, "count", queries.count(filter)));
        }
        Replays.Started started = starter.matching(filter, request.ratePerSecond());
        return ResponseEntity.accepted().location(URI.create("/api/deliveries/replays/" + started.replayId())).body(started);
    }

    @GetMapping("/replays/{replayId}")
    Map<String, Object> progress(@PathVariable UUID replayId) {
        Replays.Progress progress = replays.progress(replayId);
        if (progress.total() == 0) {
            throw new NotFound("delivery-not-found", "No replay with id " + replayId + " has deliveries left.");
        }
        return Map.of("replayId", replayId, "total", progress.total(), "waiting", progress.waiting(),
                "retrying", progress.retrying(), "delivered", progress.delivered(), "dead", progress.dead(),
                "finished", progress.finished());
    }

    @PostMapping("/replays/{replayId}/cancel")
    Map<String, Object> cancel(@PathVariable UUID replayId) {
        return Map.of("replayId", replayId, "cancelled", replays.cancel(replayId));
    }

    record Page(List<DeliveryQueries.DeliveryView> items, UUID next) {
    }

    /** Dead deliveries matching every part given; {@code dryRun} defaults to true. */
    /** {@code event} and {@code errorClass}, the names before {@code eventType} and {@code lastError}, are read for one release. */
    record ReplayRequest(@Size(max = 100) String destination, @JsonAlias("event") @Size(max = 200) String eventType,
                         @JsonAlias("errorClass") @Size(max = 20) String lastError,
                         Instant from, Instant to, Boolean dryRun, @Min(1) @Max(10000) Integer ratePerSecond) {

        DeliveryFilter filter() {
            return new DeliveryFilter(DeliveryStatus.DEAD, destination, eventType, lastError, from, to);
        }

        @AssertTrue(message = "from must be before to")
        boolean isRangeValid() {
            return from == null || to == null || from.isBefore(to);
        }
    }
}
