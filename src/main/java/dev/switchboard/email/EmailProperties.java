package dev.switchboard.email;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Email notifications. The SMTP server itself is Spring Boot's {@code spring.mail.*} (host, port,
 * username, password); with no {@code spring.mail.host} emails wait in the outbox and health says so.
 *
 * @param from         the sender address of every email
 * @param pollInterval how often the outbox is checked for due emails when nothing wakes the worker
 * @param maxAttempts  tries before a temporarily failing email is given up as DEAD
 * @param lease        how long a node holds an email it is sending before another may take it
 */
@Validated
@ConfigurationProperties("switchboard.email")
record EmailProperties(
        @DefaultValue("Switchboard <support@localhost>") @NotBlank String from,
        @DefaultValue("5s") @NotNull @DurationMin(millis = 50) @DurationMax(minutes = 10) Duration pollInterval,
        @DefaultValue("10") @Min(1) @Max(100) int maxAttempts,
        @DefaultValue("2m") @NotNull @DurationMin(seconds = 10) @DurationMax(hours = 1) Duration lease) {
}
