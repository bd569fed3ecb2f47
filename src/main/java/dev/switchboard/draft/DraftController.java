package dev.switchboard.draft;

import java.io.IOException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import dev.switchboard.refusal.Invalid;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/drafts} (AGENT): the queue, one draft, deciding one, the export and the statistics. Two people deciding the same draft at once:
 * one wins, the other gets a 409 that says who decided, and nothing is sent twice.
 */
@RestController
@RequestMapping("/api/drafts")
class DraftController {

    private final Drafts drafts;
    private final DraftReports reports;
    private final Clock clock;

    DraftController(Drafts drafts, DraftReports reports, Clock clock) {
        this.drafts = drafts;
        this.reports = reports;
        this.clock = clock;
    }

    /**
     * @param status PENDING (the queue, the default), APPROVED, EDITED or REJECTED
     * @param sort   {@code age} (oldest first) or {@code due} (soonest SLA deadline first); the queue only
     */
    @GetMapping
    List<Draft> list(@RequestParam(defaultValue = "PENDING") DraftStatus status, @RequestParam(defaultValue = "age") QueueOrder sort,
                     @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return status == DraftStatus.PENDING ? drafts.pending(sort == QueueOrder.due, limit) : drafts.recent(status, limit);
    }

    @GetMapping("/{id}")
    Draft one(@PathVariable UUID id) {
        return drafts.find(id);
    }

    @PostMapping("/{id}/decision")
    Draft decide(@PathVariable UUID id, @RequestBody Decision decision, Authentication who) {
        return drafts.decide(id, decision, who.getName(), DecidedVia.SWITCHBOARD);
    }

    /**
     * Every draft decided in {@code [since, until)} (default: since 30 days ago, until now), a JSON object per line: the draft, the
     * text sent, the decision, edit distance, grades, intent, confidence, time to decision, and whether the customer
     * wrote again within 24 hours of the decision (null until those hours have passed).
     */
    @GetMapping(path = "/export")
    void export(@RequestParam(required = false) Instant since, @RequestParam(required = false) Instant until,
                @RequestParam(defaultValue = "jsonl") String format, HttpServletResponse response) throws IOException {
        if (!format.equals("jsonl")) {
            throw Invalid.field("format", "must be jsonl (a JSON object per line)");
        }
        Instant from = since == null ? (until == null ? clock.instant() : until).minus(Duration.ofDays(30)) : since;
        if (until != null && !from.isBefore(until)) {
            throw Invalid.field("since", "must be before until (" + until + ")");
        }
        // written on the request's own thread, a page at a time: an async body would lose the caller's authentication
        response.setContentType(JSONL);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"drafts-" + from.toString().substring(0, 10) + ".jsonl\"");
        reports.export(from, until, response.getOutputStream());
    }

    /** Per week and per intent, the drafts proposed in the last {@code weeks} weeks and what became of them. */
    @GetMapping("/stats")
    DraftReports.Stats stats(@RequestParam(defaultValue = "12") @Min(1) @Max(520) int weeks) {
        return reports.stats(since(clock, weeks));
    }

    static Instant since(Clock clock, int weeks) {
        return clock.instant().atZone(ZoneOffset.UTC).toLocalDate().with(DayOfWeek.MONDAY).minusWeeks(weeks - 1L)
                .atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    static final String JSONL = "application/jsonl";

    enum QueueOrder {
        age, due
    }
}
