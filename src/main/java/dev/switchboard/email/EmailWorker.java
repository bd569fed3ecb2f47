package dev.switchboard.email;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import dev.switchboard.database.NodeIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Sends the outbox. Claims due emails with a lease, sends each, and records the outcome only where it
 * still holds the lease: accepted emails are SENT and never sent again; a 4xx reply or no connection
 * is tried again with backoff; a 5xx reply makes it DEAD with the reason. A crash between the server's
 * acceptance and the commit sends the email once more, with the same Message-ID. Stopping lets the
 * email in hand finish and be recorded. Without SMTP configured it does not run and emails wait.
 */
@Component
class EmailWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EmailWorker.class);
    private static final int BATCH = 10;
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(30);
    private static final Duration LONGEST_BACKOFF = Duration.ofHours(1);

    private final EmailRepository repository;
    private final EmailProperties properties;
    private final EmailWakeUp wakeUp;
    private final ObjectProvider<SendTimeLinks> links;
    private final Clock clock;
    private final EmailSender sender;
    private final String owner = NodeIdentity.id();
    private volatile boolean running;
    private Thread thread;

    EmailWorker(ObjectProvider<JavaMailSender> mail, EmailRepository repository, EmailProperties properties, EmailWakeUp wakeUp,
                ObjectProvider<SendTimeLinks> links, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.wakeUp = wakeUp;
        this.links = links;
        this.clock = clock;
        this.sender = mail.getIfAvailable() instanceof JavaMailSenderImpl impl && impl.getHost() != null
                ? new EmailSender(impl, properties.from()) : null;
    }

    boolean smtpConfigured() {
        return sender != null;
    }

    @Override
    public void start() {
        if (sender == null) {
            log.warn("No SMTP server configured (spring.mail.host): emails wait in the outbox until one is");
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("email-worker").start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        wakeUp.now();
        if (thread != null) {
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running) {
            try {
                if (sendDue() < BATCH) {
                    wakeUp.await(properties.pollInterval().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Email worker failed a round; its emails are tried again when their lease ends", e);
                try {
                    wakeUp.await(1_000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** @return how many emails were claimed */
    int sendDue() {
        Instant now = clock.instant();
        List<EmailRepository.ClaimedEmail> claimed = repository.claim(owner, BATCH, now, now.plus(properties.lease()));
        for (EmailRepository.ClaimedEmail email : claimed) {
            MDC.put("email", email.id().toString());
            try {
                send(email);
            } finally {
                MDC.remove("email");
            }
        }
        return claimed.size();
    }

    private void send(EmailRepository.ClaimedEmail email) {
        EmailSender.Outcome outcome;
        try {
            String link = email.textBody().contains(OutgoingEmail.LINK) || email.htmlBody().contains(OutgoingEmail.LINK)
                    ? links.getObject().issue(email.threadId()).orElse(null) : null;
            outcome = sender.send(email, textWithLink(email.textBody(), link), htmlWithLink(email.htmlBody(), link));
        } catch (RuntimeException e) {
            outcome = new EmailSender.Outcome.Later(e.toString());
        }
        Instant now = clock.instant();
        switch (outcome) {
            case EmailSender.Outcome.Accepted() -> {
                if (!repository.markSent(email.id(), owner, now)) {
                    log.warn("Email {} was sent but its lease had passed to another node; it may be sent twice (same Message-ID)", email.id());
                }
            }
            case EmailSender.Outcome.Later(String reason) -> {
                if (email.attempts() >= properties.maxAttempts()) {
                    repository.markDead(email.id(), owner, "gave up after " + email.attempts() + " attempts: " + reason);
                    log.error("Email {} ({}) is dead after {} attempts: {}", email.id(), email.kind(), email.attempts(), reason);
                } else {
                    Instant at = now.plus(backoff(email.attempts()));
                    repository.retryAt(email.id(), owner, at, reason);
                    log.warn("Email {} ({}) not sent ({}); trying again at {}", email.id(), email.kind(), reason, at);
                }
            }
            case EmailSender.Outcome.Never(String reason) -> {
                repository.markDead(email.id(), owner, reason);
                log.error("Email {} ({}) refused by the SMTP server for good: {}", email.id(), email.kind(), reason);
            }
        }
    }

    static Duration backoff(int attempts) {
        long factor = 1L << Math.min(20, Math.max(0, attempts - 1));
        Duration base = FIRST_BACKOFF.multipliedBy(factor);
        if (base.compareTo(LONGEST_BACKOFF) > 0) {
            base = LONGEST_BACKOFF;
        }
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis((long) (base.toMillis() * jitter));
    }

    private static String textWithLink(String text, String link) {
        return text.replace(OutgoingEmail.LINK, link != null ? link : "(ask the support team for a link)");
    }

    private static String htmlWithLink(String html, String link) {
        return html.replace(OutgoingEmail.LINK, link != null
                ? "<a href=\"" + HtmlUtils.htmlEscape(link) + "\">" + HtmlUtils.htmlEscape(link) + "</a>"
                : "ask the support team for a link");
    }
}
