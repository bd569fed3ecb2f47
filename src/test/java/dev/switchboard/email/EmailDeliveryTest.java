package dev.switchboard.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.switchboard.settings.Settings;
import dev.switchboard.settings.SystemSettings;
import dev.switchboard.support.HttpTestClient;
import dev.switchboard.support.IntegrationTest;
import dev.switchboard.support.MutableClock;
import dev.switchboard.support.TestDatabase;
import dev.switchboard.account.ApiTokens;
import dev.switchboard.web.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** Notifications through the outbox to a real SMTP server (GreenMail), on a database of their own. */
@IntegrationTest
class EmailDeliveryTest {

    static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        SMTP.start();
    }

    @DynamicPropertySource
    static void smtpAndDatabase(DynamicPropertyRegistry registry) {
        TestDatabase.recreateOnce("switchboard_email_test");
        registry.add("switchboard.database.url", () -> TestDatabase.url("switchboard_email_test"));
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("switchboard.email.poll-interval", () -> "100ms");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    SystemSettings settings;
    @Autowired
    ApiTokens tokens;
    @Autowired
    EmailOutbox outbox;
    @Autowired
    EmailRepository repository;
    @Autowired
    EmailProperties properties;
    @Autowired
    JavaMailSender mail;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    EmailWorker worker;
    HttpTestClient http;
    String agent;

    @BeforeEach
    void cleanOutboxAndMailboxes() throws Exception {
        http = new HttpTestClient(port);
        clock.set(Instant.now());
        jdbc.sql("TRUNCATE threads, emails CASCADE").update();
        SMTP.purgeEmailFromAllMailboxes();
        settings.update(new Settings("support@example.com", null, "https://support.example.com", false, List.of("Billing")), "test");
        agent = tokens.issue("agent", Role.AGENT, "test").token();
    }

    @Test
    void a_new_query_emails_the_support_address_and_the_customer_once_each_and_the_emailed_link_works() throws Exception {
        String code = raise();

        await().atMost(Duration.ofSeconds(10)).until(() -> SMTP.getReceivedMessages().length == 2);
        MimeMessage toSupport = to("support@example.com").getFirst();
        MimeMessage toCustomer = to("ana@example.com").getFirst();
        assertThat(toSupport.getSubject()).isEqualTo("New query " + code + ": Invoice wrong");
        assertThat(GreenMailUtil.getBody(toSupport)).contains("My &lt;b&gt;invoice&lt;/b&gt;");
        assertThat(toCustomer.getMessageID()).isEqualTo(jdbc.sql("SELECT message_id FROM emails WHERE kind = 'thread-confirmation'")
                .query(String.class).single());
        Matcher link = Pattern.compile("https://support\\.example\\.com/portal/link/(cl_[A-Za-z0-9_-]+)").matcher(GreenMailUtil.getBody(toCustomer));
        assertThat(link.find()).isTrue();
        assertThat(http.get("/api/support/public/links/" + link.group(1), null).json().path("code").asString()).isEqualTo(code);
        assertThat(jdbc.sql("SELECT count(*) FROM emails WHERE text_body LIKE '%cl\\_%' OR html_body LIKE '%cl\\_%'")
                .query(Long.class).single()).as("no link token is stored with an email").isZero();
        await().until(() -> jdbc.sql("SELECT count(*) FROM emails WHERE status = 'SENT'").query(Long.class).single() == 2);
    }

    @Test
    void a_staff_reply_reaches_the_customer_in_the_same_conversation_and_a_note_sends_nothing() throws Exception {
        String code = raise();
        UUID thread = jdbc.sql("SELECT id FROM threads WHERE code = :code").param("code", code).query(UUID.class).single();
        await().atMost(Duration.ofSeconds(10)).until(() -> SMTP.getReceivedMessages().length == 2);

        http.postJson("/api/support/threads/" + thread + "/messages", agent, "{\"visibility\":\"INTERNAL\",\"body\":\"note\"}");
        http.postJson("/api/support/threads/" + thread + "/messages", agent, "{\"visibility\":\"EXTERNAL\",\"body\":\"Fixed it\"}");

        await().atMost(Duration.ofSeconds(10)).until(() -> to("ana@example.com").size() == 2);
        MimeMessage confirmation = to("ana@example.com").get(0);
        MimeMessage reply = to("ana@example.com").get(1);
        assertThat(reply.getSubject()).isEqualTo("Re: [" + code + "] Invoice wrong");
        assertThat(reply.getHeader("In-Reply-To")[0]).isEqualTo(confirmation.getMessageID());
        assertThat(reply.getHeader("References")[0]).contains(confirmation.getMessageID());
        assertThat(GreenMailUtil.getBody(reply)).contains("Fixed it").doesNotContain("note");
        assertThat(SMTP.getReceivedMessages()).hasSize(3);
    }

    @Test
    void the_same_notification_asked_for_twice_is_one_email() {
        OutgoingEmail email = new OutgoingEmail(OutgoingEmail.key(UUID.randomUUID(), "bob@example.com", "test"), "test", null,
                "bob@example.com", "Once", "once", "<p>once</p>");

        boolean first = transactions.execute(status -> outbox.enqueue(email));
        boolean second = transactions.execute(status -> outbox.enqueue(email));

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> SMTP.getReceivedMessages().length == 1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> SMTP.getReceivedMessages().length == 1);
    }

    @Test
    void a_node_that_dies_after_the_server_accepted_an_email_causes_at_most_one_more_copy_with_the_same_message_id() throws Exception {
        OutgoingEmail email = new OutgoingEmail(OutgoingEmail.key(UUID.randomUUID(), "carol@example.com", "test"), "test", null,
                "carol@example.com", "Crash", "crash", "<p>crash</p>");
        // another node claims it, sends it, and dies before recording it; this node's worker is held back meanwhile
        Instant now = clock.instant();
        worker.stop();
        try {
            transactions.execute(status -> outbox.enqueue(email));
            var claimed = repository.claim("node-that-died", 10, now, now.plus(properties.lease()));
            assertThat(claimed).hasSize(1);
            assertThat(new EmailSender((JavaMailSenderImpl) mail, properties.from()).send(claimed.getFirst(), "crash", "<p>crash</p>"))
                    .isInstanceOf(EmailSender.Outcome.Accepted.class);
        } finally {
            worker.start();
        }
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> SMTP.getReceivedMessages().length == 1);
        assertThat(jdbc.sql("SELECT status FROM emails WHERE recipient = 'carol@example.com'").query(String.class).single())
                .as("nobody sends it again while the dead node's lease runs").isEqualTo("PENDING");

        clock.set(now.plus(properties.lease()).plusSeconds(1));

        await().atMost(Duration.ofSeconds(10)).until(() -> SMTP.getReceivedMessages().length == 2);
        await().until(() -> "SENT".equals(jdbc.sql("SELECT status FROM emails WHERE recipient = 'carol@example.com'")
                .query(String.class).single()));
        MimeMessage[] copies = SMTP.getReceivedMessages();
        assertThat(copies[0].getMessageID()).isEqualTo(copies[1].getMessageID());
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> SMTP.getReceivedMessages().length == 2);
    }

    private String raise() {
        var response = http.postJson("/api/support/public/threads", null, """
                {"queryType":"Billing","priority":"HIGH","subject":"Invoice wrong","message":"My <b>invoice</b> is wrong",
                 "name":"Ana","email":"ana@example.com"}""".replace("Invoice wrong", "Invoice wrong"));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("code").asString();
    }

    private List<MimeMessage> to(String recipient) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(recipient);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
