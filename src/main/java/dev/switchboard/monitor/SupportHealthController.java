package dev.switchboard.monitor;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/support/health}: the on-call view ({@link HealthSummary}) in one JSON answer. */
@RestController
class SupportHealthController {

    private final HealthSummary summary;

    SupportHealthController(HealthSummary summary) {
        this.summary = summary;
    }

    @GetMapping("/api/support/health")
    HealthSummary.SupportHealth health() {
        return summary.now();
    }
}
