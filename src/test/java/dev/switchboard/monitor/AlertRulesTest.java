package dev.switchboard.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

/** Each rule against readings at, over and under its thresholds, with the default thresholds. */
class AlertRulesTest {

    private static final AlertProperties.Thresholds DEFAULTS = new AlertProperties.Thresholds(50, 100, 0.9, Duration.ofSeconds(1), 0.8,
            Duration.ofMinutes(10), 20, 10, Duration.ofMinutes(15), 2);
    private static final Map<String, AlertRule> RULES = AlertRules.from(DEFAULTS).stream()
            .collect(java.util.stream.Collectors.toMap(AlertRule::id, r -> r));
    private static final Readings QUIET = new Readings(Instant.parse("2026-07-20T10:00:00Z"), 0, null, 20, 100, 1.0, 0, List.of(),
            List.of(), 0L, 0L, Duration.ZERO, 0, List.of());

    @Test
    void every_rule_is_quiet_on_quiet_readings() {
        assertThat(RULES.values()).allSatisfy(rule -> {
            AlertRule.Verdict verdict = rule.judge(QUIET);
            assertThat(verdict.firing()).as(rule.id()).isFalse();
            assertThat(verdict.clear()).as(rule.id()).isTrue();
        });
    }

    @Test
    void the_runbooks_severities() {
        assertThat(RULES.get("chatwoot-down").severity()).isEqualTo(Severity.P0);
        assertThat(RULES.get("agent-down").severity()).isEqualTo(Severity.P0);
        assertThat(RULES.get("delivery-success").severity()).isEqualTo(Severity.P1);
        assertThat(RULES.get("dead-deliveries").severity()).isEqualTo(Severity.P2);
        assertThat(RULES.get("queue-waiting").severity()).isEqualTo(Severity.P2);
        assertThat(RULES.get("queue-escalate").severity()).isEqualTo(Severity.P1);
    }

    @Test
    void the_queue_alerts_at_50_escalates_at_100_and_clears_only_under_45() {
        assertFiresAndClears("queue-waiting", r -> with(r, 49, null), r -> with(r, 50, null), r -> with(r, 46, null), r -> with(r, 44, null));
        assertFiresAndClears("queue-escalate", r -> with(r, 99, null), r -> with(r, 100, null), r -> with(r, 91, null), r -> with(r, 89, null));
    }

    @Test
    void delivery_success_under_80_percent_fires_with_enough_attempts_and_clears_from_89() {
        assertFiresAndClears("delivery-success", r -> success(r, 100, 0.80), r -> success(r, 100, 0.79), r -> success(r, 100, 0.85),
                r -> success(r, 100, 0.90));
        AlertRule.Verdict few = RULES.get("delivery-success").judge(success(QUIET, 5, 0.0));
        assertThat(few.firing()).as("5 attempts are too few to judge").isFalse();
        assertThat(few.value()).isNull();
    }

    @Test
    void an_intent_losing_its_autonomy_fires_a_p1_naming_it_until_someone_switches_it() {
        AlertRule rule = RULES.get("draft-autonomy-revoked");
        assertThat(rule.severity()).isEqualTo(Severity.P1);
        assertThat(rule.judge(QUIET).firing()).isFalse();
        Readings revoked = new Readings(QUIET.at(), 0, null, 20, 100, 1.0, 0, List.of(), List.of(), 0L, 0L, Duration.ZERO, 0,
                List.of("billing"));
        AlertRule.Verdict verdict = rule.judge(revoked);
        assertThat(verdict.firing()).isTrue();
        assertThat(verdict.detail()).contains("billing");
    }

    @Test
    void more_than_ten_dead_deliveries_an_hour_fire() {
        assertFiresAndClears("dead-deliveries", r -> dead(r, 10), r -> dead(r, 11), r -> dead(r, 9), r -> dead(r, 8));
    }

    @Test
    void two_failed_health_probes_in_a_row_fire_and_one_success_clears() {
        assertFiresAndClears("chatwoot-down", r -> chatwoot(r, 1L), r -> chatwoot(r, 2L), r -> chatwoot(r, 1L), r -> chatwoot(r, 0L));
        AlertRule.Verdict notSet = RULES.get("chatwoot-down").judge(chatwoot(QUIET, null));
        assertThat(notSet.firing()).as("without Chatwoot's address there is nothing to judge").isFalse();
        assertThat(notSet.clear()).isTrue();
    }

    @Test
    void processing_p95_over_a_second_fires_and_clears_under_900_ms() {
        assertFiresAndClears("processing-slow", r -> lag(r, 999), r -> lag(r, 1000), r -> lag(r, 950), r -> lag(r, 899));
    }

    @Test
    void an_email_waiting_15_minutes_fires() {
        assertFiresAndClears("email-waiting", r -> email(r, 14), r -> email(r, 15), r -> email(r, 14), r -> email(r, 13));
    }

    /**
     * Below: quiet; at: fires; between: does not fire but does not clear either (hysteresis); past: clears.
     */
    private static void assertFiresAndClears(String id, UnaryOperator<Readings> below, UnaryOperator<Readings> at,
                                             UnaryOperator<Readings> between, UnaryOperator<Readings> past) {
        AlertRule rule = RULES.get(id);
        assertThat(rule.judge(below.apply(QUIET)).firing()).as(id + " below").isFalse();
        assertThat(rule.judge(at.apply(QUIET)).firing()).as(id + " at").isTrue();
        AlertRule.Verdict hovering = rule.judge(between.apply(QUIET));
        assertThat(hovering.firing()).as(id + " between").isFalse();
        assertThat(hovering.clear()).as(id + " between: not yet clear").isFalse();
        assertThat(rule.judge(past.apply(QUIET)).clear()).as(id + " past").isTrue();
    }

    private static Readings with(Readings r, long waiting, Instant oldest) {
        return new Readings(r.at(), waiting, oldest, r.lagP95Millis(), r.deliveryAttempts(), r.deliverySuccess(), r.deadLastHour(),
                r.breakersOpen(), r.flagged(), r.chatwootFailures(), r.agentFailures(), r.oldestEmail(), r.slaOverdue(), r.autonomyRevoked());
    }

    private static Readings success(Readings r, long attempts, double share) {
        return new Readings(r.at(), r.waiting(), r.oldestWaitingSince(), r.lagP95Millis(), attempts, share, r.deadLastHour(),
                r.breakersOpen(), r.flagged(), r.chatwootFailures(), r.agentFailures(), r.oldestEmail(), r.slaOverdue(), r.autonomyRevoked());
    }

    private static Readings dead(Readings r, long dead) {
        return new Readings(r.at(), r.waiting(), r.oldestWaitingSince(), r.lagP95Millis(), r.deliveryAttempts(), r.deliverySuccess(), dead,
                r.breakersOpen(), r.flagged(), r.chatwootFailures(), r.agentFailures(), r.oldestEmail(), r.slaOverdue(), r.autonomyRevoked());
    }

    private static Readings chatwoot(Readings r, Long failures) {
        return new Readings(r.at(), r.waiting(), r.oldestWaitingSince(), r.lagP95Millis(), r.deliveryAttempts(), r.deliverySuccess(),
                r.deadLastHour(), r.breakersOpen(), r.flagged(), failures, r.agentFailures(), r.oldestEmail(), r.slaOverdue(), r.autonomyRevoked());
    }

    private static Readings lag(Readings r, long millis) {
        return new Readings(r.at(), r.waiting(), r.oldestWaitingSince(), millis, r.deliveryAttempts(), r.deliverySuccess(),
                r.deadLastHour(), r.breakersOpen(), r.flagged(), r.chatwootFailures(), r.agentFailures(), r.oldestEmail(), r.slaOverdue(), r.autonomyRevoked());
    }

    private static Readings email(Readings r, long minutes) {
        return new Readings(r.at(), r.waiting(), r.oldestWaitingSince(), r.lagP95Millis(), r.deliveryAttempts(), r.deliverySuccess(),
                r.deadLastHour(), r.breakersOpen(), r.flagged(), r.chatwootFailures(), r.agentFailures(), Duration.ofMinutes(minutes),
                r.slaOverdue(), r.autonomyRevoked());
    }
}
