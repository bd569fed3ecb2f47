package dev.switchboard.monitor;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import dev.switchboard.refusal.Conflict;
import dev.switchboard.refusal.NotFound;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Alerts as people see and handle them: the list, one with its history, acknowledging. */
@Service
class Alerts {

    private final AlertRepository repository;
    private final AlertWebhooks webhooks;
    private final AlertEvaluator evaluator;
    private final MonitorReadings readings;
    private final Clock clock;

    Alerts(AlertRepository repository, AlertWebhooks webhooks, AlertEvaluator evaluator, MonitorReadings readings, Clock clock) {
        this.repository = repository;
        this.webhooks = webhooks;
        this.evaluator = evaluator;
        this.readings = readings;
        this.clock = clock;
    }

    List<Alert> list(AlertState state, int limit) {
        return repository.list(state, limit);
    }

    AlertDetail detail(UUID id) {
        Alert alert = find(id);
        return new AlertDetail(alert, repository.history(id), webhooks.list(id, null, 50));
    }

    /**
     * Someone is on it: no further escalation. Acknowledging again changes nothing; a resolved alert cannot be
     * acknowledged.
     */
    @Transactional
    Alert acknowledge(UUID id, String by) {
        Alert alert = find(id);
        if (alert.state() == AlertState.RESOLVED) {
            throw new Conflict("alert-resolved", "This alert was resolved at " + alert.resolvedAt() + ": there is nothing to acknowledge.");
        }
        if (repository.acknowledge(id, by, clock.instant())) {
            repository.record(id, clock.instant(), "ACKNOWLEDGED", "by " + by);
        }
        return find(id);
    }

    /** Every rule judged on readings taken now, with its alert. */
    List<AlertEvaluator.RuleState> rules() {
        return rules(readings.now());
    }

    List<AlertEvaluator.RuleState> rules(Readings now) {
        return evaluator.judge(now);
    }

    java.util.Map<Severity, Long> openBySeverity() {
        return repository.openBySeverity();
    }

    /** @param id one dead notification, or null for every dead one */
    int replay(UUID id) {
        return webhooks.replay(id);
    }

    private Alert find(UUID id) {
        return repository.find(id).orElseThrow(() -> new NotFound("alert-not-found", "There is no alert " + id + "."));
    }

    record AlertDetail(Alert alert, List<AlertRepository.HistoryEntry> history, List<AlertWebhooks.NotificationView> notifications) {
    }
}
