package dev.switchboard.email;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/** How many emails wait and for how long, read every 10 s, for health and metrics. */
@Service
public class EmailStatus {

    private final EmailRepository repository;
    private final EmailWorker worker;
    private final Clock clock;
    private final AtomicReference<EmailRepository.Waiting> last = new AtomicReference<>(new EmailRepository.Waiting(0, null));

    EmailStatus(EmailRepository repository, EmailWorker worker, Clock clock, MeterRegistry registry) {
        this.repository = repository;
        this.worker = worker;
        this.clock = clock;
        Gauge.builder("switchboard.emails.pending", () -> last.get().pending())
                .description("Emails in the outbox not sent yet").register(registry);
        Gauge.builder("switchboard.emails.oldest.pending.age", () -> oldestAge().toMillis() / 1000.0).baseUnit("seconds")
                .description("How long the oldest email not sent yet has waited").register(registry);
    }

    @Scheduled(fixedDelayString = "10s", initialDelayString = "1s")
    void refresh() {
        last.set(repository.waiting());
    }

    /** Read now, not from the 10 s cache. */
    public Snapshot now() {
        refresh();
        return new Snapshot(last.get().pending(), oldestAge(), worker.smtpConfigured());
    }

    private Duration oldestAge() {
        var oldest = last.get().oldest();
        return oldest == null ? Duration.ZERO : Duration.between(oldest, clock.instant());
    }

    /** @param smtpConfigured false: emails wait until an SMTP server is configured */
    public record Snapshot(long pending, Duration oldestPendingAge, boolean smtpConfigured) {
    }
}
