package dev.switchboard.monitor;

import java.time.Instant;
import java.util.UUID;

/**
 * An alert as stored.
 *
 * @param openedValue the reading that fired it
 * @param lastValue   the latest reading (at resolution, the one that cleared it)
 */
record Alert(UUID id, String rule, Severity severity, String title, AlertState state, Instant openedAt, Double openedValue,
             String openedDetail, Double lastValue, String lastDetail, Instant lastEvaluatedAt, Instant acknowledgedAt,
             String acknowledgedBy, Instant resolvedAt, int escalationLevel) {
}
