package dev.switchboard.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.switchboard.support.FakeSmtp;
import dev.switchboard.support.IntegrationTest;
import dev.switchboard.support.MutableClock;
import dev.switchboard.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** What the SMTP server answers decides: 4xx is tried again, 5xx fails with the reason, a stop lets the send finish. */
@IntegrationTest
class SmtpFailureTest {

    static final FakeSmtp SMTP;

    static {
        try {
            SMTP = new FakeSmtp();
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void smtpAndDatabase(DynamicPropertyRegistry registry) {
        TestDatabase.recreateOnce("switchboard_smtp_test");
        registry.add("switchboard.database.url", () -> TestDatabase.url("switchboard_smtp_test"));
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", SMTP::port);
        registry.add("switchboard.email.poll-interval", () -> "100ms");
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    EmailOutbox outbox;
    @Autowired
    EmailWorker worker;
    @Autowired
    TransactionTemplate transactions;

    @BeforeEach
    void cleanOutbox() {
        clock.set(Instant.now());
        jdbc.sql("TRUNCATE emails").update();
        SMTP.reset();
    }

    @Test
    void a_4xx_answer_is_tried_again_later_and_the_email_is_sent_once() {
        SMTP.answerRecipients("451 4.3.0 Mailbox busy, try again later");
        UUID id = enqueue("dave@example.com");

        await().atMost(Duration.ofSeconds(10)).until(() -> (int) email(id).get("attempts") == 1 && email(id).get("lease_owner") == null);
        assertThat(email(id)).containsEntry("status", "PENDING");
        assertThat((String) email(id).get("last_error")).contains("451");

        SMTP.answerRecipients("250 OK");
        clock.advance(Duration.ofMinutes(1));

        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(email(id).get("status")));
        assertThat(SMTP.accepted()).hasSize(1);
        assertThat(email(id)).containsEntry("attempts", 2);
    }

    @Test
    void a_5xx_answer_fails_the_email_with_the_reason_and_it_is_not_tried_again() {
        SMTP.answerRecipients("550 5.1.1 No such user here");
        UUID id = enqueue("nobody@example.com");

        await().atMost(Duration.ofSeconds(10)).until(() -> "DEAD".equals(email(id).get("status")));
        assertThat((String) email(id).get("last_error")).contains("550").contains("No such user");
        clock.advance(Duration.ofDays(1));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> (int) email(id).get("attempts") == 1);
        assertThat(SMTP.accepted()).isEmpty();
    }

    @Test
    void stopping_the_worker_during_a_send_records_it_and_a_restart_sends_nothing_again() {
        SMTP.acceptAfter(Duration.ofMillis(700));
        UUID id = enqueue("erin@example.com");
        await().atMost(Duration.ofSeconds(10)).until(() -> email(id).get("lease_owner") != null);

        CompletableFuture.runAsync(worker::stop).join();

        assertThat(email(id)).containsEntry("status", "SENT");
        worker.start();
        clock.advance(Duration.ofHours(1));
        SMTP.acceptAfter(Duration.ZERO);
        UUID next = enqueue("frank@example.com");
        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(email(next).get("status")));
        assertThat(SMTP.accepted()).as("the restarted worker sends the new email and not the old one again").hasSize(2);
        assertThat(SMTP.accepted().getFirst()).contains("Message-ID: " + email(id).get("message_id"));
        assertThat(SMTP.accepted().get(1)).contains("Message-ID: " + email(next).get("message_id"));
    }

    private UUID enqueue(String recipient) {
        transactions.execute(status -> outbox.enqueue(new OutgoingEmail(OutgoingEmail.key(UUID.randomUUID(), recipient, "test"),
                "test", null, recipient, "Hello", "hello", "<p>hello</p>")));
        return jdbc.sql("SELECT id FROM emails WHERE recipient = :r").param("r", recipient).query(UUID.class).single();
    }

    private Map<String, Object> email(UUID id) {
        return jdbc.sql("SELECT * FROM emails WHERE id = :id").param("id", id).query().singleRow();
    }
}
