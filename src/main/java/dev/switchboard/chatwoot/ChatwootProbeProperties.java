package dev.switchboard.chatwoot;

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
 * The server's own watch on Chatwoot: {@code GET /health} and {@code GET /api} on a schedule, when
 * {@code switchboard.chatwoot.base-url} is set.
 *
 * @param interval      how often Chatwoot is probed (from one node at a time)
 * @param failuresAlert failed probes in a row before the health summary raises an alert
 * @param retention     how long probe results are kept
 */
@Validated
@ConfigurationProperties("switchboard.chatwoot.probe")
public record ChatwootProbeProperties(
        @DefaultValue("1m") @NotNull @DurationMin(seconds = 1) @DurationMax(hours = 1) Duration interval,
        @DefaultValue("2") @Min(1) @Max(100) int failuresAlert,
        @DefaultValue("7d") @NotNull @DurationMin(hours = 1) @DurationMax(days = 365) Duration retention) {
}
