package dev.switchboard.email;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.switchboard.database.Backoff;
import dev.switchboard.database.NodeIdentity;
import dev.switchboard.database.PollingWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
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
class EmailWorker extends PollingWorker {

    private static final Logger log = LoggerFactory.getLogger(EmailWorker.class);
    private static final int BATCH = 10;
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(30), Duration.ofHours(1));

    private final EmailRepository repository;
    private final EmailProperties properties;
    private final ObjectProvider<SendTimeLinks> links;
    private final Clock clock;
    private final EmailSender sender;
    private final String owner = NodeIdentity.id();

    EmailWorker(ObjectProvider<JavaMailSender> mail, EmailRepository repository, EmailProperties properties, EmailWakeUp wakeUp,
                ObjectProvider<SendTimeLinks> links, Clock clock) {
        super("email-worker", wakeUp.signal(), properties.pollInterval(), BATCH);
        this.repository = repository;
        this.properties = properties;
        this.links = links;
        this.clock = clock;
        this.sender = mail.getIfAvailable() instanceof JavaMailSenderImpl impl && impl.getHost() != null
                ? new EmailSender(impl, properties.from()) : null;
    }

    boolean smtpConfigured() {
        return sender != null;
    }

    @Override
    protected String cannotRun() {
        return sender == null ? "No SMTP server configured (spring.mail.host): emails wait in the outbox until one is" : null;
    }

    @Override
    public int runOnce() {
        return sendDue();
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
                    Instant at = now.plus(BACKOFF.after(email.attempts()));
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

    private static String textWithLink(String text, String link) {
        return text.replace(OutgoingEmail.LINK, link != null ? link : "(ask the support team for a link)");
    }

    private static String htmlWithLink(String html, String link) {
        return html.replace(OutgoingEmail.LINK, link != null
                ? "<a href=\"" + HtmlUtils.htmlEscape(link) + "\">" + HtmlUtils.htmlEscape(link) + "</a>"
                : "ask the support team for a link");
    }
}
