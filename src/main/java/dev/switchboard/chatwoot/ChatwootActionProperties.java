package dev.switchboard.chatwoot;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How Switchboard's changes to Chatwoot (labels, notes, priority, status, assignment) are carried out.
 *
 * @param ratePerMinute  calls to Chatwoot's API per minute from this node at most; Chatwoot throttles at 3,000 per
 *                       minute per IP address by default, shared with everything else calling from that address
 * @param maxAttempts    tries before an action that keeps failing (5xx, 429, no connection) is given up as DEAD
 * @param firstBackoff   the wait after the first failed try; each further failure doubles it, with jitter
 * @param longestBackoff the longest wait between two tries
 * @param timeout        how long one call may take before it counts as failed
 * @param pollInterval   how often due actions are looked for when nothing wakes the workers
 * @param lease          how long a node holds an action it is carrying out before another node may take it
 */
@Validated
@ConfigurationProperties("switchboard.chatwoot.actions")
public record ChatwootActionProperties(
        @DefaultValue("600") @Min(1) @Max(3000) int ratePerMinute,
        @DefaultValue("12") @Min(1) @Max(100) int maxAttempts,
        @DefaultValue("10s") @NotNull @DurationMin(millis = 10) @DurationMax(hours = 1) Duration firstBackoff,
        @DefaultValue("30m") @NotNull @DurationMin(millis = 10) @DurationMax(hours = 24) Duration longestBackoff,
        @DefaultValue("10s") @NotNull @DurationMin(millis = 100) @DurationMax(minutes = 2) Duration timeout,
        @DefaultValue("2s") @NotNull @DurationMin(millis = 20) @DurationMax(minutes = 10) Duration pollInterval,
        @DefaultValue("1m") @NotNull @DurationMin(seconds = 1) @DurationMax(hours = 1) Duration lease) {

    @AssertTrue(message = "switchboard.chatwoot.actions.lease must be longer than the timeout")
    boolean isLeaseLongerThanTimeout() {
        return lease == null || timeout == null || lease.compareTo(timeout) > 0;
    }

    @AssertTrue(message = "switchboard.chatwoot.actions.longest-backoff must not be shorter than first-backoff")
    boolean isBackoffOrdered() {
        return firstBackoff == null || longestBackoff == null || longestBackoff.compareTo(firstBackoff) >= 0;
    }
}
