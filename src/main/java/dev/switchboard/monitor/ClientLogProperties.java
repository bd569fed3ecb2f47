package dev.switchboard.monitor;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Browser errors the pages report.
 *
 * @param perMinute reports one client address may send per minute
 * @param retention how long reports are kept
 */
@Validated
@ConfigurationProperties("switchboard.client-logs")
record ClientLogProperties(@DefaultValue("30") @Min(1) @Max(100000) int perMinute,
                           @DefaultValue("14d") @NotNull @DurationMin(days = 1) Duration retention) {
}
