package dev.switchboard.draft;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import dev.switchboard.refusal.Invalid;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Autonomy per intent: where each intent stands (AGENT reads), switching it on or off (ADMIN; on only when earned, else a
 * 409 with the figures), and the reviews of sampled drafts that autonomy sent (AGENT).
 */
@RestController
@RequestMapping("/api/drafts")
class DraftAutonomyController {

    private final DraftAutonomy autonomy;

    DraftAutonomyController(DraftAutonomy autonomy) {
        this.autonomy = autonomy;
    }

    @GetMapping("/autonomy")
    List<DraftAutonomy.Standing> standings() {
        return autonomy.standings();
    }

    @GetMapping("/autonomy/{intent}")
    DraftAutonomy.Standing standing(@PathVariable String intent) {
        return autonomy.standing(intent);
    }

    @PutMapping("/autonomy/{intent}")
    DraftAutonomy.Standing change(@PathVariable String intent, @RequestBody Switch change, Authentication who) {
        if (change.enabled() == null) {
            throw Invalid.field("enabled", "is required: true to switch autonomy on, false to switch it off");
        }
        return change.enabled() ? autonomy.enable(intent, who.getName()) : autonomy.disable(intent, who.getName(), change.reason());
    }

    /** Sampled drafts that autonomy sent and no one has reviewed yet, oldest first. */
    @GetMapping("/reviews")
    List<Draft> waiting(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return autonomy.waitingReviews(limit);
    }

    @PostMapping("/{id}/review")
    Draft review(@PathVariable UUID id, @RequestBody Review review, Authentication who) {
        if (review.good() == null) {
            throw Invalid.field("good", "is required: true when you would have sent it as written, false otherwise");
        }
        return autonomy.review(id, review.good(), review.grades() == null ? Draft.Grades.NONE : review.grades(), review.comment(),
                who.getName()).draft();
    }

    /** @param reason why, kept in the intent's history (switching off) */
    record Switch(Boolean enabled, String reason) {
    }

    /** @param good whether you would have sent it as written */
    record Review(Boolean good, Draft.Grades grades, String comment) {
    }
}
