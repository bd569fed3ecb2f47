package dev.switchboard.thread;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Native support threads.
 *
 * @param linkValidity     how long a customer link works unless revoked
 * @param autoCloseAfter   a RESOLVED thread the customer does not answer is CLOSED after this long
 * @param raisePerHour     new queries one client address may raise per hour
 * @param lookupsPerHour   failed customer-link lookups (unknown, expired, revoked) one client address may make per hour
 */
@Validated
@ConfigurationProperties("switchboard.thread")
record ThreadProperties(
        @DefaultValue("7d") @NotNull @DurationMin(minutes = 5) @DurationMax(days = 365) Duration linkValidity,
        @DefaultValue("7d") @NotNull @DurationMin(hours = 1) Duration autoCloseAfter,
        @DefaultValue("10") @Min(1) @Max(100000) int raisePerHour,
        @DefaultValue("30") @Min(1) @Max(100000) int lookupsPerHour) {
}
