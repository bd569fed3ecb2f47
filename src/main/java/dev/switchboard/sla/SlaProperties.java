package dev.switchboard.sla;

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
 * How SLA deadlines are watched. Each node holds a timer for every deadline due within two sweep intervals, so a
 * breach fires at its due instant; the sweep is the safety net that fires what a timer missed (a restart, another
 * node's deadline) and recomputes open clocks after a configuration change.
 *
 * @param sweepInterval how often each node sweeps
 * @param batch         clocks fired, or subjects recomputed, per transaction
 */
@Validated
@ConfigurationProperties("switchboard.sla")
public record SlaProperties(
        @DefaultValue("30s") @NotNull @DurationMin(millis = 100) @DurationMax(minutes = 10) Duration sweepInterval,
        @DefaultValue("500") @Min(1) @Max(10_000) int batch) {
}
