package dev.switchboard.monitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.switchboard.database.Rounds;
import dev.switchboard.database.UuidV7;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Judges every rule on a schedule, on one node at a time (a transaction-scoped advisory lock), and moves the alerts:
 * a rule that fires opens its alert and notifies its severity's route; an alert whose condition has cleared, and which
 * has been open at least {@code minimum-open}, resolves and notifies once more; an unacknowledged P0 goes to the
 * escalation route at each of {@code escalate-after}. Tests stop it and call {@link #runOnce}.
 */
@Component
class AlertEvaluator implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AlertEvaluator.class);
    private static final String LOCK = "SELECT pg_try_advisory_xact_lock(hashtext('switchboard.alerts'))";

    private final MonitorReadings readings;
    private final AlertRepository alerts;
    private final AlertNotifier notifier;
    private final AlertProperties properties;
    private final List<AlertRule> rules;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Rounds rounds = new Rounds("alert-evaluator", 1);

    AlertEvaluator(MonitorReadings readings, AlertRepository alerts, AlertNotifier notifier, AlertProperties properties, JdbcClient jdbc,
                   PlatformTransactionManager transactions, MeterRegistry meters, Clock clock) {
        this.readings = readings;
        this.alerts = alerts;
        this.notifier = notifier;
        this.properties = properties;
        this.rules = AlertRules.from(properties.thresholds());
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.clock = clock;
        for (Severity severity : Severity.values()) {
            Gauge.builder("switchboard.alerts.open", () -> alerts.openBySeverity().get(severity))
                    .description("alerts not yet resolved (open or acknowledged)").tag("severity", severity.name()).register(meters);
        }
    }

    /** One evaluation of every rule. @return how many alerts changed (opened, escalated, resolved); -1 when another node evaluates */
    int runOnce() {
        Integer changed = transactions.execute(status -> {
            if (!Boolean.TRUE.equals(jdbc.sql(LOCK).query(Boolean.class).single())) {
                return -1;
            }
            return evaluate(readings.now());
        });
        return changed == null ? 0 : changed;
    }

    private int evaluate(Readings now) {
        Instant at = clock.instant();
        Map<String, Alert> active = alerts.active().stream().collect(Collectors.toMap(Alert::rule, Function.identity()));
        int changed = 0;
        for (AlertRule rule : rules) {
            AlertRule.Verdict verdict = rule.judge(now);
            Alert alert = active.remove(rule.id());
            if (alert == null) {
                if (verdict.firing()) {
                    UUID id = UuidV7.next(clock);
                    if (alerts.open(id, rule, verdict, at)) {
                        alerts.record(id, at, "OPENED", verdict.detail());
                        notifier.notify(alerts.find(id).orElseThrow(), AlertNotifier.Change.OPENED);
                        log.warn("Alert opened: [{}] {}: {}", rule.severity(), rule.title(), verdict.detail());
                        changed++;
                    }
                }
            } else {
                changed += move(alert, rule, verdict, at);
            }
        }
        for (Alert orphan : active.values()) {
            if (alerts.resolve(orphan.id(), orphan.lastValue(), "the rule no longer exists", at)) {
                alerts.record(orphan.id(), at, "RESOLVED", "the rule no longer exists");
                changed++;
            }
        }
        return changed;
    }

    private int move(Alert alert, AlertRule rule, AlertRule.Verdict verdict, Instant at) {
        boolean heldLongEnough = !at.isBefore(alert.openedAt().plus(properties.minimumOpen()));
        if (verdict.clear() && heldLongEnough) {
            if (alerts.resolve(alert.id(), verdict.value(), verdict.detail(), at)) {
                alerts.record(alert.id(), at, "RESOLVED", verdict.detail());
                notifier.notify(alerts.find(alert.id()).orElseThrow(), AlertNotifier.Change.RESOLVED);
                log.info("Alert resolved: [{}] {}: {}", rule.severity(), rule.title(), verdict.detail());
                return 1;
            }
            return 0;
        }
        alerts.observe(alert.id(), verdict, at);
        List<Duration> after = properties.escalateAfter();
        int level = alert.escalationLevel();
        if (alert.severity() == Severity.P0 && alert.state() == AlertState.OPEN && level < after.size()
                && !at.isBefore(alert.openedAt().plus(after.get(level))) && alerts.escalate(alert.id(), level + 1)) {
            alerts.record(alert.id(), at, "ESCALATED", "not acknowledged " + after.get(level).toMinutes() + " min after it opened");
            notifier.notify(alerts.find(alert.id()).orElseThrow(), AlertNotifier.Change.ESCALATED);
            log.warn("Alert escalated to level {}: [{}] {}", level + 1, rule.severity(), rule.title());
            return 1;
        }
        return 0;
    }

    /** Every rule judged on these readings, beside its alert not yet resolved (if any). */
    List<RuleState> judge(Readings now) {
        Map<String, Alert> active = alerts.active().stream().collect(Collectors.toMap(Alert::rule, Function.identity()));
        List<RuleState> judged = new ArrayList<>();
        for (AlertRule rule : rules) {
            AlertRule.Verdict verdict = rule.judge(now);
            Alert alert = active.get(rule.id());
            judged.add(new RuleState(rule.id(), rule.severity(), rule.title(), verdict.value(), rule.openAt(), rule.clearAt(),
                    rule.fallsBelow(), verdict.firing(), verdict.detail(), alert == null ? null : alert.id(),
                    alert == null ? null : alert.state()));
        }
        return judged;
    }

    List<AlertRule> rules() {
        return rules;
    }

    @Override
    public void start() {
        rounds.start(properties.evaluateInterval(), properties.evaluateInterval(), this::runOnce);
    }

    @Override
    public void stop() {
        rounds.stop();
    }

    @Override
    public boolean isRunning() {
        return rounds.running();
    }

    /**
     * A rule as judged now: its reading against its thresholds, whether it fires, and its alert if one is not yet resolved
     * (which may still be open though the rule no longer fires: it resolves after its minimum open time, at the next evaluation).
     */
    record RuleState(String rule, Severity severity, String title, Double value, double openAt, double clearAt, boolean fallsBelow,
                     boolean firing, String detail, UUID alertId, AlertState alertState) {
    }
}
