package dev.switchboard.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import dev.switchboard.inbound.ChatwootSignature;
import dev.switchboard.support.Fixtures;
import dev.switchboard.support.IntegrationTest;
import dev.switchboard.support.Rows;
import dev.switchboard.support.WithFakeChatwoot;
import dev.switchboard.web.Role;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * The read model, built from the project's own fixtures (conversation 8342: a customer's question, an
 * agent's reply, a note, labels, resolved). The projector's loop is stopped and each test applies what
 * it queued with {@code runOnce}, but the end-to-end test, which goes through the intake.
 */
@IntegrationTest
@RecordApplicationEvents
class ConversationModelTest extends WithFakeChatwoot {

    private static final long ACME = 7003;
    private static final List<String> CONVERSATION_8342 = List.of("01", "02", "03", "07", "06");

    @Autowired
    ConversationProjector projector;
    @Autowired
    Conversations conversations;
    @Autowired
    ApplicationEvents published;

    @Autowired
    org.springframework.context.ApplicationContext context;

    /** The clocks' worker reads conversations: stopped too, or it would hold a lock the truncation waits for. */
    private org.springframework.context.SmartLifecycle clocks() {
        return (org.springframework.context.SmartLifecycle) context.getBean("pendingClocks");
    }

    @BeforeEach
    void emptyModel() {
        projector.stop();
        clocks().stop();
        jdbc.sql("TRUNCATE events, conversations, conversation_messages, conversation_skipped_events CASCADE").update();
    }

    @AfterEach
    void projectorRunsAgain() {
        projector.start();
        clocks().start();
    }

    @Test
    void a_conversation_is_built_from_its_events_with_state_contact_and_counts() {
        store(CONVERSATION_8342);
        projector.runOnce();

        Conversations.Summary c = conversations.find(ACME, 8342);
        assertThat(c.status()).isEqualTo(ConversationStatus.RESOLVED);
        assertThat(c.labels()).containsExactly("billing", "refund");
        assertThat(c.priority()).isEqualTo("high");
        assertThat(c.assigneeName()).isEqualTo("Priya Sharma");
        assertThat(c.teamName()).isEqualTo("billing");
        assertThat(c.inboxId()).isEqualTo(7007);
        assertThat(c.contact().name()).isEqualTo("Jonas Lindqvist");
        assertThat(c.contact().id()).isEqualTo(11821);
        assertThat(c.messages().contact()).isEqualTo(1);
        assertThat(c.messages().notes()).isEqualTo(1);
        assertThat(c.messages().agent()).isPositive();
        assertThat(c.lastCustomerMessageAt()).isEqualTo(Instant.parse("2026-06-20T09:14:05.318Z"));
        assertThat(c.firstHumanReplyAt()).isEqualTo(Instant.parse("2026-06-20T09:16:41.527Z"));
        assertThat(c.firstReplyAt()).isEqualTo(Instant.parse("2026-06-20T09:16:41.527Z"));
        assertThat(c.waitingSince()).as("answered: nobody waits").isNull();
    }

    @Test
    void a_late_older_event_never_overwrites_a_newer_state() {
        store(List.of("01"));
        projector.runOnce();
        assertThat(conversations.find(ACME, 8342).status()).as("the first event alone").isEqualTo(ConversationStatus.OPEN);

        store(List.of("06"));
        store(List.of("01"));
        projector.runOnce();

        Conversations.Summary c = conversations.find(ACME, 8342);
        assertThat(c.status()).isEqualTo(ConversationStatus.RESOLVED);
        assertThat(c.labels()).containsExactly("billing", "refund");
        assertThat(c.waitingSince()).isNull();
    }

    @Test
    void shuffled_and_repeated_events_build_the_same_conversation() {
        store(CONVERSATION_8342);
        projector.runOnce();
        Conversations.Summary inOrder = withoutReceiptTimes(conversations.find(ACME, 8342));

        Random random = new Random(8342);
        for (int round = 0; round < 25; round++) {
            jdbc.sql("TRUNCATE events, conversations, conversation_messages CASCADE").update();
            List<String> shuffled = new ArrayList<>(CONVERSATION_8342);
            shuffled.add(CONVERSATION_8342.get(random.nextInt(CONVERSATION_8342.size())));
            shuffled.add(CONVERSATION_8342.get(random.nextInt(CONVERSATION_8342.size())));
            Collections.shuffle(shuffled, random);
            store(shuffled);
            projector.runOnce();

            assertThat(withoutReceiptTimes(conversations.find(ACME, 8342))).as("order %s", shuffled).isEqualTo(inOrder);
        }
    }

    @Test
    void a_rebuild_from_the_event_log_equals_the_incrementally_built_model() {
        store(List.of("01", "04", "02", "05", "03", "11", "07", "06", "08", "09", "10", "12"));
        projector.runOnce();
        List<Conversations.Summary> incremental = all();
        assertThat(incremental).extracting(Conversations.Summary::conversationId).containsExactlyInAnyOrder(8342L, 8345L, 8346L);

        jdbc.sql("TRUNCATE conversations, conversation_messages").update();
        assertThat(conversations.rebuild(Instant.EPOCH)).isEqualTo(12);

        assertThat(all()).isEqualTo(incremental);
    }

    @Test
    void a_customer_message_is_announced_once_however_many_events_carry_it_and_never_by_a_rebuild() {
        store(List.of("01", "01", "02", "07"));
        projector.runOnce();

        assertThat(published.stream(CustomerMessagesArrived.class).flatMap(batch -> batch.messages().stream())).singleElement().satisfies(arrived -> {
            assertThat(arrived.messageId()).isEqualTo(97311);
            assertThat(arrived.content()).contains("arrived damaged");
            assertThat(arrived.contactId()).isEqualTo(11821);
        });

        published.clear();
        jdbc.sql("TRUNCATE conversations, conversation_messages").update();
        conversations.rebuild(Instant.EPOCH);
        assertThat(published.stream(CustomerMessagesArrived.class)).isEmpty();
    }

    @Test
    void an_unreadable_event_is_kept_as_skipped_and_the_others_are_applied() {
        Rows.anEvent().ofType("message_created").withBody("{\"id\": [not json").receivedAt(clock.instant()).insert(jdbc);
        store(List.of("01"));
        projector.runOnce();

        assertThat(conversations.find(ACME, 8342).status()).isEqualTo(ConversationStatus.OPEN);
        assertThat(conversations.health().skipped()).isEqualTo(1);
        assertThat(conversations.health().waiting()).isZero();
    }

    @Test
    void support_health_says_when_the_model_falls_behind_or_could_not_take_an_event() {
        String viewer = token(Role.VIEWER);
        store(List.of("01"));
        assertThat(http.get("/api/support/health", viewer).json().path("alerts").toString()).as("a second behind is busy, not stuck")
                .doesNotContain("conversation model");

        clock.advance(Duration.ofMinutes(3));
        var behind = http.get("/api/support/health", viewer).json();
        assertThat(behind.path("alerts").toString()).containsPattern("The conversation model is 1[78][0-9] s behind the events \\(1 waiting\\)");
        assertThat(behind.path("conversations").path("waiting").asLong()).isEqualTo(1);

        Rows.anEvent().ofType("message_created").withBody("not json").receivedAt(clock.instant()).insert(jdbc);
        projector.runOnce();
        var skipped = http.get("/api/support/health", viewer).json();
        assertThat(skipped.path("alerts").toString()).doesNotContain("behind the events")
                .contains("1 events could not be applied to the conversation model");
    }

    @Test
    void agents_list_and_open_conversations_and_viewers_may_not() {
        store(CONVERSATION_8342);
        store(List.of("05"));
        projector.runOnce();
        String agent = token(Role.AGENT);

        var resolved = http.get("/api/conversations?status=RESOLVED", agent);
        assertThat(resolved.status()).isEqualTo(200);
        assertThat(resolved.json().path("items")).hasSize(1);
        assertThat(resolved.json().path("items").get(0).path("conversationId").asLong()).isEqualTo(8342);
        var detail = http.get("/api/conversations/7003/8342", agent).json();
        assertThat(detail.path("messages")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(detail.path("events")).hasSize(5);
        assertThat(detail.path("chatwootUrl").asString()).endsWith("/app/accounts/7003/conversations/8342");

        assertThat(http.get("/api/conversations", token(Role.VIEWER)).status()).isEqualTo(403);
        var missing = http.get("/api/conversations/7003/1", agent);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(http.get("/api/conversations?assignee=someone", agent).status()).isEqualTo(400);
    }

    @Test
    void a_webhook_through_the_intake_reaches_the_model_after_commit() {
        projector.start();
        Fixtures.Fixture fixture = Fixtures.project().named("01");
        long now = clock.instant().getEpochSecond();
        var answer = http.postWebhook(fixture.body(), java.util.Map.of("Content-Type", "application/json",
                "X-Chatwoot-Delivery", java.util.UUID.randomUUID().toString(), "X-Chatwoot-Timestamp", Long.toString(now),
                "X-Chatwoot-Signature", ChatwootSignature.sign("sw1tchb0ardTestSecret24c", now, fixture.body())));
        assertThat(answer.status()).isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(conversations.list(Conversations.Filter.any(), Conversations.Sort.RECENT, 10, 0))
                        .extracting(Conversations.Summary::conversationId).containsExactly(8342L));
        assertThat(conversations.health().waiting()).isZero();
    }

    @Test
    void the_command_line_rebuilds_the_model_with_an_admin_token_and_refuses_an_agent() {
        store(CONVERSATION_8342);
        projector.runOnce();
        List<Conversations.Summary> before = all();
        jdbc.sql("TRUNCATE conversations, conversation_messages").update();
        String url = "http://127.0.0.1:" + port;

        var refused = cli("conversations", "rebuild", "--url", url, "--token", token(Role.AGENT));
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(all()).isEmpty();

        var rebuilt = cli("conversations", "rebuild", "--since", "2000-01-01T00:00:00Z", "--url", url, "--token", token(Role.ADMIN));
        assertThat(rebuilt.exit()).isZero();
        assertThat(rebuilt.out()).contains("5 events applied again");
        assertThat(all()).isEqualTo(before);
        assertThat(cli("conversations", "rebuild", "--since", "yesterday", "--url", url, "--token", "x").exit()).isEqualTo(2);
    }

    private static CliRun cli(String... args) {
        var out = new java.io.ByteArrayOutputStream();
        var print = new java.io.PrintStream(out, true, StandardCharsets.UTF_8);
        int exit = dev.switchboard.cli.Cli.run(args, print, print);
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8));
    }

    private record CliRun(int exit, String out) {
    }

    private List<Conversations.Summary> all() {
        return conversations.list(Conversations.Filter.any(), Conversations.Sort.RECENT, 100, 0).stream()
                .sorted(java.util.Comparator.comparingLong(Conversations.Summary::conversationId)).toList();
    }

    /** Stores the project's fixtures (by number) as events, received a second apart in this order. */
    private void store(List<String> numbers) {
        Fixtures.Vectors vectors = Fixtures.project();
        for (String number : numbers) {
            Fixtures.Fixture fixture = vectors.named(number);
            String body = new String(fixture.body(), StandardCharsets.UTF_8);
            String type = Fixtures.eventType(fixture.body());
            clock.advance(Duration.ofSeconds(1));
            Rows.EventRow row = Rows.anEvent().ofType(type).withBody(body).receivedAt(clock.instant());
            var json = tools.jackson.databind.json.JsonMapper.builder().build().readTree(fixture.body());
            var conversation = type.startsWith("message_") ? json.path("conversation") : json;
            if (conversation.path("id").isNumber() && !type.startsWith("contact_")) {
                row.inConversation(json.path("account").path("id").asLong(), conversation.path("id").asLong());
            }
            row.insert(jdbc);
        }
    }

    private static Conversations.Summary withoutReceiptTimes(Conversations.Summary c) {
        return new Conversations.Summary(c.accountId(), c.conversationId(), c.inboxId(), c.inboxName(), c.channel(), c.status(),
                c.priority(), c.labels(), c.assigneeId(), c.assigneeName(), c.assigneeType(), c.teamId(), c.teamName(), c.contact(),
                c.createdAt(), c.waitingSince(), c.firstReplyAt(), c.snoozedUntil(), c.lastActivityAt(), c.messages(),
                c.lastCustomerMessageAt(), c.firstHumanReplyAt(), c.lastHumanReplyAt(), c.intent(), c.escalated(), c.vip(), null, null, null);
    }
}
