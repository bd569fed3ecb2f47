package dev.switchboard.draft;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/drafts} (AGENT): the queue, one draft, and deciding one. Two people deciding the same draft at once:
 * one wins, the other gets a 409 that says who decided, and nothing is sent twice.
 */
@RestController
@RequestMapping("/api/drafts")
class DraftController {

    private final Drafts drafts;

    DraftController(Drafts drafts) {
        this.drafts = drafts;
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

    enum QueueOrder {
        age, due
    }
}
