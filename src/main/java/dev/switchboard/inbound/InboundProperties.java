package dev.switchboard.inbound;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The Chatwoot webhook intake.
 *
 * @param signatureMode      enforce, warn or off; off must be chosen explicitly and is reported in health
 * @param secrets            the webhook secrets accepted, comma-separated; more than one while rotating
 *                           (env {@code CHATWOOT_WEBHOOK_SECRET})
 * @param timestampTolerance how far {@code X-Chatwoot-Timestamp} may be from now before a signed webhook
 *                           counts as a replay
 * @param maxBodySize        the largest body accepted; real Chatwoot bodies reach about 200 KB
 * @param batchSize          the most events written in one transaction (group commit)
 * @param writerThreads      how many transactions write events at once
 * @param ackTimeout         how long a webhook waits for its event to commit before it is answered 503;
 *                           at most 4 s, because Chatwoot gives up after 5 s
 * @param retention          how long events are kept once no delivery of theirs is pending; unset, it follows
 *                           {@code switchboard.delivery.retention}
 */
@Validated
@ConfigurationProperties("switchboard.inbound")
public record InboundProperties(
        @DefaultValue("enforce") @NotNull SignatureMode signatureMode,
        @DefaultValue List<String> secrets,
        @DefaultValue("300s") @DurationUnit(ChronoUnit.SECONDS) @NotNull @DurationMin(seconds = 1) @DurationMax(days = 1)
        Duration timestampTolerance,
        @DefaultValue("1MB") @NotNull DataSize maxBodySize,
        @DefaultValue("256") @Min(1) @Max(5000) int batchSize,
        @DefaultValue("2") @Min(1) @Max(32) int writerThreads,
        @DefaultValue("4s") @NotNull @DurationMin(millis = 100) @DurationMax(seconds = 4) Duration ackTimeout,
        @DefaultValue("30d") @NotNull @DurationMin(days = 1) Duration retention) {

    public InboundProperties {
        secrets = secrets == null ? List.of()
                : secrets.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    @AssertTrue(message = "switchboard.inbound.max-body-size must be between 1KB and 64MB")
    boolean isMaxBodySizeValid() {
        return maxBodySize == null || (maxBodySize.toBytes() >= 1024 && maxBodySize.toMegabytes() <= 64);
    }
}
