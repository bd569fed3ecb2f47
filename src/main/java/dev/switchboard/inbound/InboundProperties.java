package dev.switchboard.inbound;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

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
 * @param ackTimeout         how long a webhook waits for its event to commit before it is answered 503
 */
@Validated
@ConfigurationProperties("switchboard.inbound")
public record InboundProperties(
        @DefaultValue("enforce") @NotNull SignatureMode signatureMode,
        @DefaultValue List<String> secrets,
        @DefaultValue("300s") @DurationUnit(ChronoUnit.SECONDS) @NotNull Duration timestampTolerance,
        @DefaultValue("1MB") @NotNull DataSize maxBodySize,
        @DefaultValue("256") @Min(1) @Max(5000) int batchSize,
        @DefaultValue("2") @Min(1) @Max(32) int writerThreads,
        @DefaultValue("4s") @NotNull Duration ackTimeout) {

    public InboundProperties {
        secrets = secrets == null ? List.of()
                : secrets.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    @AssertTrue(message = "must be between 1 second and 1 day")
    boolean isTimestampToleranceValid() {
        return timestampTolerance == null
                || (timestampTolerance.compareTo(Duration.ofSeconds(1)) >= 0 && timestampTolerance.compareTo(Duration.ofDays(1)) <= 0);
    }

    @AssertTrue(message = "must be between 1 KB and 64 MB")
    boolean isMaxBodySizeValid() {
        return maxBodySize == null || (maxBodySize.toBytes() >= 1024 && maxBodySize.toMegabytes() <= 64);
    }

    @AssertTrue(message = "must be between 100 ms and 4 s: Chatwoot gives up after 5 s")
    boolean isAckTimeoutValid() {
        return ackTimeout == null
                || (ackTimeout.compareTo(Duration.ofMillis(100)) >= 0 && ackTimeout.compareTo(Duration.ofSeconds(4)) <= 0);
    }
}
