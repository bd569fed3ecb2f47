package dev.switchboard.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the alert rules judge, read once per evaluation.
 *
 * @param waiting            conversations and threads waiting for a reply by a person
 * @param oldestWaitingSince since when the one waiting longest has (null: none)
 * @param lagP95Millis       p95 of webhook-to-model time over five minutes
 * @param deliveryAttempts   delivery attempts in the alert window
 * @param deliverySuccess    their share delivered (null: none)
 * @param deadLastHour       deliveries that went dead in the last hour
 * @param breakersOpen       destinations whose breaker is open
 * @param flagged            destinations flagged (410 Gone)
 * @param chatwootFailures   failed Chatwoot probes in a row (null: Chatwoot's address not set)
 * @param agentFailures      failed agent health probes in a row (null: no agent to probe)
 * @param oldestEmail        how long the oldest unsent email has waited
 * @param slaOverdue         running SLA clocks past their due instant
 * @param autonomyRevoked    intents whose draft autonomy switched itself off in the last day, and that are still off
 */
record Readings(Instant at, long waiting, Instant oldestWaitingSince, long lagP95Millis, long deliveryAttempts, Double deliverySuccess,
                long deadLastHour, List<String> breakersOpen, List<String> flagged, Long chatwootFailures, Long agentFailures,
                Duration oldestEmail, long slaOverdue, List<String> autonomyRevoked) {
}
