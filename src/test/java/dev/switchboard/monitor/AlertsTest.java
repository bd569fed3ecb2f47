package dev.switchboard.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;

import dev.switchboard.database.PollingWorker;
import dev.switchboard.delivery.StandardWebhooks;
import dev.switchboard.settings.Settings;
import dev.switchboard.settings.SystemSettings;
import dev.switchboard.support.Truncate;
import dev.switchboard.support.ChatwootEvents;
import dev.switchboard.support.FakeAgent;
import dev.switchboard.support.HttpTestClient;
import dev.switchboard.support.IntegrationTest;
import dev.switchboard.support.Json;
import dev.switchboard.support.MutableClock;
import dev.switchboard.support.TestDatabase;
import dev.switchboard.account.ApiTokens;
import dev.switchboard.web.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Alerts end to end, on a database of their own: rules judged on real readings (waiting conversations from Chatwoot
 * events, Chatwoot's probes), alerts opened and resolved by the evaluator driven with {@code runOnce} and a settable
 * clock, emails through the outbox to a real SMTP server (GreenMail), and alert webhooks to a fake Slack and a fake
 * signed endpoint. The queue alert fires at 4 waiting and clears under 2, to keep the data small.
 */
@IntegrationTest
class AlertsTest {

    static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    static final FakeAgent SLACK;
    static final FakeAgent SIGNED;
    static final FakeAgent AGENT_HEALTH;
    static final String SECRET = "whsec_" + java.util.Base64.getEncoder().encodeToString("alert-signing-key-32-bytes-long!".getBytes(StandardCharsets.UTF_8));
    private static final Instant MONDAY_10 = Instant.parse("2026-07-20T10:00:00Z");

    static {
        SMTP.start();
        try {
            SLACK = new FakeAgent();
            SIGNED = new FakeAgent();
            AGENT_HEALTH = new FakeAgent();
        } catch (java.io.IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        TestDatabase.recreateOnce("switchboard_alerts_test");
        registry.add("switchboard.database.url", () -> TestDatabase.url("switchboard_alerts_test"));
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("switchboard.email.poll-interval", () -> "100ms");
        registry.add("switchboard.chatwoot.base-url", () -> "http://127.0.0.1:9");
        registry.add("switchboard.chatwoot.probe.interval", () -> "1h");
        registry.add("switchboard.alerts.p0", () -> "oncall@example.com,slack-oncall,signed");
        registry.add("switchboard.alerts.p1", () -> "oncall@example.com,slack-oncall");
        registry.add("switchboard.alerts.p2", () -> "oncall@example.com,slack-oncall");
        registry.add("switchboard.alerts.escalation", () -> "lead@example.com");
        registry.add("switchboard.alerts.webhooks[0].name", () -> "slack-oncall");
        registry.add("switchboard.alerts.webhooks[0].url", SLACK::url);
        registry.add("switchboard.alerts.webhooks[0].format", () -> "slack");
        registry.add("switchboard.alerts.webhooks[1].name", () -> "signed");
        registry.add("switchboard.alerts.webhooks[1].url", SIGNED::url);
        registry.add("switchboard.alerts.webhooks[1].format", () -> "standard");
        registry.add("switchboard.alerts.webhooks[1].secret", () -> SECRET);
        registry.add("switchboard.alerts.thresholds.queue-waiting", () -> 4);
        registry.add("switchboard.alerts.thresholds.queue-escalate", () -> 1000);
        registry.add("switchboard.alerts.thresholds.clear-below", () -> 0.5);
        registry.add("switchboard.alerts.agent-health-url", AGENT_HEALTH::url);
        registry.add("switchboard.alerts.probe-interval", () -> "1h");
        registry.add("switchboard.sla.sweep-interval", () -> "200ms");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    AlertEvaluator evaluator;
    @Autowired
    AlertWebhooks webhooks;
    @Autowired
    SystemSettings settings;
    @Autowired
    ApiTokens tokens;
    @Autowired
    ApplicationContext context;
    @Autowired
    AgentProbe agentProbe;
    private PollingWorker projector;
    private PollingWorker clocks;
    private HttpTestClient http;

    @BeforeEach
    void quiet() throws Exception {
        http = new HttpTestClient(port);
        projector = (PollingWorker) context.getBean("conversationProjector");
        projector.stop();
        clocks = (PollingWorker) context.getBean("pendingClocks");
        clocks.stop();
        evaluator.stop();
        webhooks.stop();
        clock.set(MONDAY_10);
        Truncate.tables(jdbc, "alerts, alert_history, alert_notifications, emails, events, conversations, conversation_messages, "
                + "chatwoot_probes, agent_probes, sla_subjects, sla_clocks, sla_breaches, sla_state_changes, sla_config_versions");
        settings.update(new Settings("support@example.com", null, "https://support.example.com", false, List.of("Billing")), "test");
        SMTP.purgeEmailFromAllMailboxes();
        SLACK.reset();
        SIGNED.reset();
        AGENT_HEALTH.reset();
    }

    @AfterEach
    void running() {
        projector.start();
        clocks.start();
        evaluator.start();
        webhooks.start();
    }

    @Test
    void a_queue_alert_opens_once_holds_while_the_queue_hovers_and_resolves_once_with_email_and_slack_each_way() throws Exception {
        List<ChatwootEvents> waiting = waitingCustomers(4);
        evaluator.runOnce();
        evaluator.runOnce();
        Alert opened = only("queue-waiting");
        assertThat(opened.severity()).isEqualTo(Severity.P2);
        assertThat(opened.openedDetail()).startsWith("4 waiting");

        waiting.get(0).agentReplied(MONDAY_10.plusSeconds(60));
        apply();
        clock.advance(Duration.ofMinutes(10));
        evaluator.runOnce();
        assertThat(only("queue-waiting").state()).as("3 waiting: under the threshold but not under the clearing level")
                .isEqualTo(AlertState.OPEN);

        waiting.get(1).agentReplied(MONDAY_10.plusSeconds(120));
        waiting.get(2).agentReplied(MONDAY_10.plusSeconds(180));
        apply();
        evaluator.runOnce();
        evaluator.runOnce();
        Alert resolved = only("queue-waiting");
        assertThat(resolved.state()).isEqualTo(AlertState.RESOLVED);
        assertThat(resolved.lastDetail()).startsWith("1 waiting");

        webhooks.runOnce();
        await().atMost(Duration.ofSeconds(15)).until(() -> Arrays.stream(SMTP.getReceivedMessages())
                .filter(m -> subject(m).contains("customers wait")).count() >= 2);
        List<String> subjects = Arrays.stream(SMTP.getReceivedMessages()).map(AlertsTest::subject).filter(t -> t.contains("customers wait"))
                .toList();
        assertThat(subjects).as("one email each way").containsExactly("[P2] Many customers wait for a reply", "[P2] Many customers wait for a reply: resolved");
        assertThat(GreenMailUtil.getBody(SMTP.getReceivedMessages()[0])).contains("https://support.example.com/alerts/" + opened.id());
        assertThat(SLACK.received()).filteredOn(r -> new String(r.body(), StandardCharsets.UTF_8).contains("customers wait"))
                .extracting(r -> Json.read(new String(r.body(), StandardCharsets.UTF_8)).path("text").asString())
                .satisfiesExactly(
                        text -> assertThat(text).startsWith("*[P2] Many customers wait for a reply*\n4 waiting"),
                        text -> assertThat(text).startsWith("*[P2] Many customers wait for a reply: resolved*\n1 waiting"));
        assertThat(SIGNED.received()).as("P2 is not on the signed webhook's route").isEmpty();
    }

    @Test
    void an_alert_stays_open_for_its_minimum_time_however_soon_its_condition_clears() {
        List<ChatwootEvents> waiting = waitingCustomers(4);
        evaluator.runOnce();
        waiting.forEach(w -> w.agentReplied(MONDAY_10.plusSeconds(30)));
        apply();

        clock.advance(Duration.ofMinutes(4));
        evaluator.runOnce();
        assertThat(only("queue-waiting").state()).isEqualTo(AlertState.OPEN);
        clock.advance(Duration.ofMinutes(1));
        evaluator.runOnce();
        assertThat(only("queue-waiting").state()).isEqualTo(AlertState.RESOLVED);
    }

    @Test
    void chatwoot_failing_twice_opens_a_p0_that_escalates_after_10_and_30_minutes_unless_acknowledged() throws Exception {
        probe(false);
        evaluator.runOnce();
        assertThat(jdbc.sql("SELECT count(*) FROM alerts WHERE rule = 'chatwoot-down'").query(Long.class).single())
                .as("one failed probe is not yet an outage").isZero();
        probe(false);
        evaluator.runOnce();
        Alert p0 = only("chatwoot-down");
        assertThat(p0.severity()).isEqualTo(Severity.P0);

        clock.advance(Duration.ofMinutes(9));
        evaluator.runOnce();
        assertThat(only("chatwoot-down").escalationLevel()).isZero();
        clock.advance(Duration.ofMinutes(1));
        evaluator.runOnce();
        assertThat(only("chatwoot-down").escalationLevel()).as("10 minutes: the next level").isOne();
        clock.advance(Duration.ofMinutes(20));
        evaluator.runOnce();
        assertThat(only("chatwoot-down").escalationLevel()).as("30 minutes: again").isEqualTo(2);
        clock.advance(Duration.ofMinutes(60));
        evaluator.runOnce();
        assertThat(only("chatwoot-down").escalationLevel()).as("no third escalation configured").isEqualTo(2);

        webhooks.runOnce();
        await().atMost(Duration.ofSeconds(15)).until(() -> Arrays.stream(SMTP.getReceivedMessages())
                .filter(m -> subject(m).contains("Chatwoot")).count() >= 3);
        assertThat(Arrays.stream(SMTP.getReceivedMessages()).filter(m -> subject(m).contains("Chatwoot")).map(AlertsTest::recipient))
                .containsExactlyInAnyOrder("oncall@example.com", "lead@example.com", "lead@example.com");
        FakeAgent.Received signed = SIGNED.received().getFirst();
        String id = signed.header("webhook-id");
        long timestamp = Long.parseLong(signed.header("webhook-timestamp"));
        assertThat(signed.header("webhook-signature")).as("Standard Webhooks signature with the configured secret")
                .isEqualTo(StandardWebhooks.signature(List.of(StandardWebhooks.key(SECRET)), id, timestamp, signed.body()));
        assertThat(Json.read(new String(signed.body(), StandardCharsets.UTF_8)).path("type").asString()).isEqualTo("alert.opened");
    }

    @Test
    void an_acknowledged_p0_is_not_escalated_and_only_agents_acknowledge() {
        probe(false);
        probe(false);
        evaluator.runOnce();
        UUID id = only("chatwoot-down").id();
        String viewer = tokens.issue("viewer-" + System.nanoTime(), Role.VIEWER, "test").token();
        String agent = tokens.issue("agent-" + System.nanoTime(), Role.AGENT, "test").token();

        assertThat(http.postJson("/api/alerts/" + id + "/acknowledge", viewer, "{}").status()).isEqualTo(403);
        var acknowledged = http.postJson("/api/alerts/" + id + "/acknowledge", agent, "{}");
        assertThat(acknowledged.status()).isEqualTo(200);
        assertThat(acknowledged.json().path("state").asString()).isEqualTo("ACKNOWLEDGED");

        clock.advance(Duration.ofMinutes(45));
        evaluator.runOnce();
        assertThat(only("chatwoot-down").escalationLevel()).isZero();

        probe(true);
        evaluator.runOnce();
        assertThat(only("chatwoot-down").state()).as("back online: resolved").isEqualTo(AlertState.RESOLVED);
        assertThat(http.postJson("/api/alerts/" + id + "/acknowledge", agent, "{}").status()).as("resolved: nothing to acknowledge")
                .isEqualTo(409);
        var shown = http.get("/api/alerts/" + id, viewer).json();
        assertThat(shown.path("history").findValuesAsString("what")).containsSubsequence("OPENED", "ACKNOWLEDGED", "RESOLVED");
    }

    @Test
    void a_chatwoot_conversation_past_its_first_response_deadline_breaches_and_alerts_by_email_and_webhook() {
        ChatwootEvents.aConversation(jdbc, 9, 77, MONDAY_10).customerWrote(MONDAY_10);
        apply();
        evaluator.runOnce();
        assertThat(jdbc.sql("SELECT count(*) FROM alerts WHERE rule = 'sla-overdue'").query(Long.class).single())
                .as("due at 10:15, not yet").isZero();

        clock.set(Instant.parse("2026-07-20T10:15:01Z"));
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql("SELECT count(*) FROM sla_breaches WHERE kind = 'BREACHED'")
                .query(Long.class).single() == 1);
        evaluator.runOnce();
        Alert alert = only("sla-overdue");
        assertThat(alert.severity()).isEqualTo(Severity.P1);
        assertThat(alert.openedDetail()).isEqualTo("1 clocks past their due instant");

        webhooks.runOnce();
        await().atMost(Duration.ofSeconds(15)).until(() -> Arrays.stream(SMTP.getReceivedMessages())
                .anyMatch(m -> subject(m).equals("[P1] SLA deadlines have passed unmet")));
        assertThat(SLACK.received()).anySatisfy(r -> assertThat(new String(r.body(), StandardCharsets.UTF_8))
                .contains("SLA deadlines have passed unmet"));
    }

    @Test
    void the_agents_health_endpoint_failing_twice_opens_a_p0_and_answering_again_resolves_it_after_its_minimum_time() {
        AGENT_HEALTH.answer(r -> FakeAgent.Answer.status(503));
        agentProbe.runOnce();
        clock.advance(Duration.ofMinutes(31));
        agentProbe.runOnce();
        evaluator.runOnce();
        Alert down = only("agent-down");
        assertThat(down.severity()).isEqualTo(Severity.P0);
        assertThat(down.openedDetail()).isEqualTo("2 failed health probes in a row");

        AGENT_HEALTH.reset();
        clock.advance(Duration.ofMinutes(31));
        agentProbe.runOnce();
        evaluator.runOnce();
        assertThat(only("agent-down").state()).isEqualTo(AlertState.RESOLVED);
    }

    @Test
    void support_health_lists_every_rule_with_its_state_and_the_open_alerts() {
        waitingCustomers(4);
        evaluator.runOnce();
        String viewer = tokens.issue("viewer-" + System.nanoTime(), Role.VIEWER, "test").token();

        var health = http.get("/api/support/health", viewer).json();
        assertThat(health.path("rules").findValuesAsString("rule")).contains("chatwoot-down", "agent-down", "delivery-success",
                "dead-deliveries", "destination-breaker-open", "destination-flagged", "processing-slow", "sla-overdue", "queue-waiting",
                "queue-escalate", "email-waiting", "draft-autonomy-revoked");
        assertThat(health.path("alerts").toString()).contains("[P2] Many customers wait for a reply: 4 waiting");
        assertThat(health.path("status").asString()).isEqualTo("ATTENTION");
    }

    @Test
    void a_dead_alert_webhook_is_tried_again_and_replayed() {
        SLACK.answer(r -> FakeAgent.Answer.status(503));
        waitingCustomers(4);
        evaluator.runOnce();
        webhooks.runOnce();
        assertThat(SLACK.received()).hasSize(1);
        assertThat(jdbc.sql("SELECT status FROM alert_notifications").query(String.class).single()).as("503: again later").isEqualTo("PENDING");

        SLACK.answer(r -> FakeAgent.Answer.status(404));
        clock.advance(Duration.ofMinutes(1));
        webhooks.runOnce();
        assertThat(jdbc.sql("SELECT status FROM alert_notifications").query(String.class).single()).as("404: dead").isEqualTo("DEAD");

        SLACK.reset();
        String agent = tokens.issue("agent-" + System.nanoTime(), Role.AGENT, "test").token();
        assertThat(http.postJson("/api/alerts/notifications/replay", agent, "{}").json().path("replayed").asInt()).isOne();
        webhooks.runOnce();
        assertThat(SLACK.received()).hasSize(1);
        assertThat(jdbc.sql("SELECT status FROM alert_notifications").query(String.class).single()).isEqualTo("DELIVERED");
    }

    /** That many open conversations whose customer wrote and nobody answered. */
    private List<ChatwootEvents> waitingCustomers(int count) {
        List<ChatwootEvents> conversations = new java.util.ArrayList<>();
        for (int i = 1; i <= count; i++) {
            conversations.add(ChatwootEvents.aConversation(jdbc, 9, i, MONDAY_10).customerWrote(MONDAY_10));
        }
        apply();
        return conversations;
    }

    private void apply() {
        while (projector.runOnce() > 0) {
            // until the feed is empty
        }
        while (clocks.runOnce() > 0) {
            // until the conversations' clocks are computed
        }
    }

    private void probe(boolean online) {
        clock.advance(Duration.ofSeconds(1));
        jdbc.sql("INSERT INTO chatwoot_probes (id, checked_at, online, health, services, node) VALUES (:id, :at, :online, 'test', 'test', 'test')")
                .param("id", UUID.randomUUID()).param("at", java.sql.Timestamp.from(clock.instant())).param("online", online).update();
    }

    private Alert only(String rule) {
        List<Alert> alerts = jdbc.sql("SELECT id FROM alerts WHERE rule = :rule").param("rule", rule).query(UUID.class).list().stream()
                .map(id -> context.getBean(AlertRepository.class).find(id).orElseThrow()).toList();
        assertThat(alerts).as("alerts of " + rule).hasSize(1);
        return alerts.getFirst();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
