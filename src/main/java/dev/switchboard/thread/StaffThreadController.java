package dev.switchboard.thread;

import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.switchboard.refusal.Invalid;
import dev.switchboard.refusal.NotFound;
import dev.switchboard.web.Inputs;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/support/threads}: the Support Inbox for staff (AGENT or ADMIN, by token or session). */
@RestController
@RequestMapping("/api/support/threads")
class StaffThreadController {

    private final Threads threads;
    private final ThreadQueries queries;
    private final CustomerLinks links;

    StaffThreadController(Threads threads, ThreadQueries queries, CustomerLinks links) {
        this.threads = threads;
        this.queries = queries;
        this.links = links;
    }

    /** @param tab ALL (the default) or a status; assignee "none" lists the unassigned */
    @GetMapping
    ThreadQueries.ThreadPage list(@RequestParam(defaultValue = "ALL") String tab,
                                  @RequestParam(required = false) @Size(max = 200) String q,
                                  @RequestParam(required = false) Priority priority,
                                  @RequestParam(required = false) @Size(max = 100) String assignee,
                                  @RequestParam(required = false) @Size(max = 100) String type,
                                  @RequestParam(defaultValue = "UPDATED") ThreadQueries.ThreadSort sort,
                                  @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                                  @RequestParam(defaultValue = "25") @Min(1) @Max(200) int size) {
        ThreadStatus status = "ALL".equalsIgnoreCase(tab) ? null : parseTab(tab);
        boolean unassigned = "none".equals(assignee);
        return queries.list(new ThreadQueries.ThreadFilter(status, Inputs.blankToNull(q), priority,
                unassigned ? null : assignee, unassigned, type, sort), page, size);
    }

    @GetMapping("/{idOrCode}")
    Threads.ThreadDetail one(@PathVariable String idOrCode) {
        return threads.detail(idOrCode);
    }

    @PostMapping("/{id}/messages")
    ResponseEntity<ThreadRepository.MessageView> post(@PathVariable UUID id, @Valid @RequestBody NewMessage message, Principal principal) {
        return ResponseEntity.status(HttpStatus.CREATED).body(threads.post(id, message.visibility(), message.body(), principal.getName()));
    }

    @PostMapping("/{id}/status")
    Threads.ThreadDetail status(@PathVariable UUID id, @Valid @RequestBody StatusChange change, Principal principal) {
        return threads.changeStatus(id, change.status(), principal.getName());
    }

    @PutMapping("/{id}/assignee")
    Threads.ThreadDetail assign(@PathVariable UUID id, @Valid @RequestBody Assignment assignment, Principal principal) {
        return threads.assign(id, Inputs.blankToNull(assignment.assignee()), principal.getName());
    }

    @PutMapping("/{id}/priority")
    Threads.ThreadDetail priority(@PathVariable UUID id, @Valid @RequestBody PriorityChange change, Principal principal) {
        return threads.setPriority(id, change.priority(), principal.getName());
    }

    @PostMapping("/{id}/links")
    ResponseEntity<CustomerLinks.IssuedLink> createLink(@PathVariable UUID id, @Valid @RequestBody NewLink link, Principal principal) {
        threads.require(id);
        Duration validity = link.validDays() == null ? null : Duration.ofDays(link.validDays());
        var issued = links.create(id, link.permission(), validity, principal.getName());
        return ResponseEntity.created(URI.create("/api/support/threads/" + id + "/links/" + issued.id())).body(issued);
    }

    @GetMapping("/{id}/links")
    List<CustomerLinks.LinkView> links(@PathVariable UUID id) {
        threads.require(id);
        return links.list(id);
    }

    @DeleteMapping("/{id}/links/{linkId}")
    ResponseEntity<Void> revoke(@PathVariable UUID id, @PathVariable UUID linkId, Principal principal) {
        if (!links.revoke(id, linkId, principal.getName())) {
            throw new NotFound("No active link " + linkId + " on thread " + id + ".");
        }
        return ResponseEntity.noContent().build();
    }

    private static ThreadStatus parseTab(String tab) {
        try {
            return ThreadStatus.valueOf(tab.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Invalid(List.of(new Invalid.FieldProblem("tab", "must be ALL, OPEN, PENDING, RESOLVED or CLOSED")));
        }
    }

    record NewMessage(@NotNull Visibility visibility,
                      @NotBlank @Size(max = TextRules.MAX_BODY) @Pattern(regexp = TextRules.BODY, message = TextRules.BODY_MESSAGE) String body) {
    }

    record StatusChange(@NotNull ThreadStatus status) {
    }

    record Assignment(@Size(max = 100) String assignee) {
    }

    record PriorityChange(@NotNull Priority priority) {
    }

    record NewLink(@NotNull LinkPermission permission, @Min(1) @Max(365) Integer validDays) {
    }
}
