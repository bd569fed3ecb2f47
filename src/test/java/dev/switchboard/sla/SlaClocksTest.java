package dev.switchboard.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;

import dev.switchboard.conversation.Conversations;
import dev.switchboard.support.ChatwootEvents;
import dev.switchboard.support.IntegrationTest;
import dev.switchboard.support.WithFakeChatwoot;
import dev.switchboard.web.Role;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DeadlockLoserDataAccessException;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Clocks computed from Chatwoot events through the conversation model, and breaches fired by the timer. The projector
 * and the timer are stopped: each test applies the events with the projector's {@code runOnce} and sweeps with the
 * timer's, moving the clock between; one test runs the real timer against a ticking clock. Monday 20 July 2026, the
 * default configuration: first response within 15 minutes of business hours, 09:00–17:00 UTC on weekdays.
 */
@IntegrationTest
class SlaClocksTest extends WithFakeChatwoot {

    private static final long ACCOUNT = 41;
    private static final Instant MONDAY_10 = Instant.parse("2026-07-20T10:00:00Z");

    @Autowired
    ApplicationContext context;
    @Autowired
    SlaClocks clocks;
    @Autowired
    BreachTimer timer;
    @Autowired
    SlaConfigStore store;
    @Autowired
    Conversations conversations;
    @Autowired
    PendingClocks pending;

    private SmartLifecycle projector;

    @BeforeEach
    void stoppedWorkersAndNoClocks() {
        projector = (SmartLifecycle) context.getBean("conversationProjector");
        projector.stop();
        timer.stop();
        pending.stop();
        jdbc.sql("TRUNCATE sla_pending").update();
        jdbc.sql("TRUNCATE events, conversations, conversation_messages, sla_subjects, sla_state_changes, sla_clocks, sla_breaches, "
                + "sla_config_versions, triage_sla_escalations CASCADE").update();
        clock.set(MONDAY_10);
    }

    @AfterEach
    void workersRunAgain() {
        projector.start();
        timer.start();
        pending.start();
    }

    @Test
    void a_first_response_breach_fires_at_its_due_instant_and_only_once() {
        ChatwootEvents.aConversation(jdbc, ACCOUNT, 1, MONDAY_10).customerWrote(MONDAY_10);
        apply();

        assertThat(clocks.clocks(SubjectKind.CONVERSATION, ACCOUNT + ":1")).singleElement().satisfies(c -> {
            assertThat(c.clock()).isEqualTo(ClockKind.FIRST_RESPONSE);
            assertThat(c.state()).isEqualTo(ClockState.RUNNING);
            assertThat(c.dueAt()).isEqualTo(Instant.parse("2026-07-20T10:15:00Z"));
            assertThat(c.atRiskAt()).as("20 %% of the target before").isEqualTo(Instant.parse("2026-07-20T10:12:00Z"));
            assertThat(c.policy()).isEqualTo("default");
        });

        clock.set(Instant.parse("2026-07-20T10:11:59Z"));
        assertThat(timer.runOnce()).as("nothing due yet").isZero();
        clock.set(Instant.parse("2026-07-20T10:12:00Z"));
        assertThat(timer.runOnce()).as("the at-risk warning").isOne();
        clock.set(Instant.parse("2026-07-20T10:15:00Z"));
        assertThat(timer.runOnce()).as("the breach").isOne();
        clock.set(Instant.parse("2026-07-20T10:30:00Z"));
        assertThat(timer.runOnce()).as("fired already").isZero();

        assertThat(clocks.breaches(Instant.EPOCH, null, null, null, 10)).extracting(SlaClocks.Breach::kind, SlaClocks.Breach::firedAt)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(BreachKind.BREACHED, Instant.parse("2026-07-20T10:15:00Z")),
                        org.assertj.core.groups.Tuple.tuple(BreachKind.AT_RISK, Instant.parse("2026-07-20T10:12:00Z")));
        assertThat(clocks.clocks(SubjectKind.CONVERSATION, ACCOUNT + ":1").getFirst().breached()).isTrue();
    }

    @Test
    void a_breach_escalates_its_conversation_with_the_reason_and_the_actions_triage_is_configured_for() {
        ChatwootEvents.aConversation(jdbc, ACCOUNT, 50, MONDAY_10).customerWrote(MONDAY_10);
        apply();
        clock.set(Instant.parse("2026-07-20T10:15:00Z"));
        timer.runOnce();

        Conversations.Detail detail = conversations.detail(ACCOUNT, 50);
        assertThat(detail.conversation().escalated()).isTrue();
        assertThat(detail.findings()).filteredOn(f -> f.kind().equals("escalation")).extracting(f -> f.value())
                .as("the warning is passed over when the breach comes first").containsExactly("sla breached");
        assertThat(detail.findings().getFirst().evidence()).contains("first response due 2026-07-20T10:15:00Z passed unmet");
        assertThat(detail.actions()).extracting(a -> a.kind().toString()).contains("ADD_LABELS", "NOTE", "RAISE_PRIORITY");
    }

    @Test
    void a_breach_whose_escalation_lost_a_deadlock_is_fired_again_and_escalated_once() {
        ChatwootEvents.aConversation(jdbc, ACCOUNT, 51, MONDAY_10).customerWrote(MONDAY_10);
        apply();
        AtomicInteger told = new AtomicInteger();
        ApplicationEventPublisher deadlockedOnce = event -> {
            if (told.getAndIncrement() == 0) {
                throw new DeadlockLoserDataAccessException("deadlock detected", null);
            }
            context.publishEvent(event);
        };
        BreachTimer flaky = new BreachTimer(context.getBean(ClockRepository.class), deadlockedOnce,
                context.getBean(PlatformTransactionManager.class), context.getBean(SlaProperties.class), clock,
                context.getBean(MeterRegistry.class));
        clock.set(Instant.parse("2026-07-20T10:15:00Z"));

        int fired = flaky.runOnce();

        assertThat(told).as("told again after the conflict").hasValue(2);
        assertThat(fired).as("the breach, once").isOne();
        assertThat(clocks.breaches(Instant.EPOCH, null, null, null, 10)).singleElement()
                .satisfies(b -> assertThat(b.kind()).isEqualTo(BreachKind.BREACHED));
        assertThat(conversations.detail(ACCOUNT, 51).conversation().escalated()).isTrue();
    }

    @Test
    void a_reply_in_time_meets_the_clock_and_fires_nothing_while_bots_and_notes_do_not_count() {
        ChatwootEvents.aConversation(jdbc, ACCOUNT, 2, MONDAY_10).customerWrote(MONDAY_10)
                .botReplied(MONDAY_10.plusSeconds(5)).noteAdded(MONDAY_10.plusSeconds(60));
        ChatwootEvents.aConversation(jdbc, ACCOUNT, 3, MONDAY_10).customerWrote(MONDAY_10)
                .agentReplied(MONDAY_10.plus(Duration.ofMinutes(10)));
        apply();

        clock.set(Instant.parse("2026-07-20T10:20:00Z"));
        timer.runOnce();

        assertThat(clocks.clocks(SubjectKind.CONVERSATION, ACCOUNT + ":3")).singleElement().satisfies(c -> {
            assertThat(c.state()).isEqualTo(ClockState.MET);
            assertThat(c.endedAt()).isEqualTo(MONDAY_10.plus(Duration.ofMinutes(10)));
            assertThat(c.breached()).isFalse();
        });
        assertThat(clocks.breaches(Instant.EPOCH, BreachKind.BREACHED, null, null, 10)).as("only the one answered by a bot and a note")
                .extracting(SlaClocks.Breach::subjectKey).containsExactly(ACCOUNT + ":2");
    }

    @Test
    void business_hours_carry_a_deadline_over_the_night_and_the_weekend() {
        Instant fridayEvening = Instant.parse("2026-07-24T16:55:00Z");
        clock.set(fridayEvening);
        ChatwootEvents.aConversation(jdbc, ACCOUNT, 4, fridayEvening).customerWrote(fridayEvening);
        apply();

        assertThat(clocks.clocks(SubjectKind.CONVERSATION, ACCOUNT + ":4").getFirst().dueAt())
                .as("5 minutes on Friday, 10 on Monday").isEqualTo(Instant.parse("2026-07-27T09:10:00Z"));
    }

    @Test
    void holidays_imported_from_an_icalendar_file_close_the_calendar_and_make_a_new_version() throws Exception {
        String admin = token(Role.ADMIN);
        var imported = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.base()
                        + "/api/sla/config/calendars/business/holidays?basedOn=0"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "text/calendar")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(HolidayCalendarFileTest.fixture())));
        assertThat(imported.status()).isEqualTo(200);
        assertThat(imported.json().path("version").asInt()).isOne();
        assertThat(imported.json().path("added").asInt()).isEqualTo(7);
        assertThat(store.current().config().calendars().getFirst().holidays()).hasSize(7);

        Instant christmasEve = Instant.parse("2026-12-24T16:55:00Z");
        clock.set(christmasEve);
        ChatwootEvents.aConversation(jdbc, ACCOUNT, 60, christmasEve).customerWrote(christmasEve);
        apply();
        assertThat(clocks.clocks(SubjectKind.CONVERSATION, ACCOUNT + ":60").getFirst().dueAt())
                .as("5 minutes on Thursday; Christmas, the weekend; 10 minutes on Monday").isEqualTo(Instant.parse("2026-12-28T09:10:00Z"));

        var missing = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.base()
                        + "/api/sla/config/calendars/nowhere/holidays?basedOn=1"))
                .header("Authorization", "Bearer " + admin).POST(java.net.http.HttpRequest.BodyPublishers.ofString("BEGIN:VCALENDAR")));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(store.current().version()).as("nothing saved").isOne();
    }

    @Test
    void two_nodes_sweeping_at_once_fire_each_breach_exactly_once() throws Exception {
        for (long c = 10; c < 70; c++) {
            ChatwootEvents.aConversation(jdbc, ACCOUNT, c, MONDAY_10).customerWrote(MONDAY_10);
        }
        apply();
        clock.set(Instant.parse("2026-07-20T10:15:00Z"));

        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> sweep = timer::fireDue;
            List<Future<Integer>> fired = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                fired.add(nodes.submit(sweep));
            }
            int total = 0;
            for (Future<Integer> f : fired) {
                total += f.get();
            }
            assertThat(total).isEqualTo(60);
        } finally {
            nodes.shutdown();
        }
        assertThat(jdbc.sql("SELECT count(*), count(DISTINCT clock_id) FROM sla_breaches WHERE kind = 'BREACHED'")
                .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2))).single()).containsExactly(60L, 60L);
    }

    @Test
    void snoozing_pauses_resolution_which_runs_on_from_where_it_was_when_reopened() {
        saveConfig("""
                {"calendars": [{"name": "business", "zone": "UTC", "windows": {"monday": ["09:00-17:00"]}}],
                 "policies": [{"name": "resolve-in-an-hour", "resolution": {"within": "1h", "businessHours": false}}]}
                """);
        ChatwootEvents events = ChatwootEvents.aConversation(jdbc, ACCOUNT, 5, MONDAY_10).customerWrote(MONDAY_10)
                .status("snoozed", MONDAY_10.plus(Duration.ofMinutes(20)));
        apply();
        assertThat(clocks.clocks(SubjectKind.CONVERSATION, ACCOUNT + ":5")).singleElement().satisfies(c -> {
            assertThat(c.state()).isEqualTo(ClockState.PAUSED);
            assertThat(c.dueAt()).isNull();
            assertThat(c.pausedRemainingSeconds()).isEqualTo(40 * 60);
        });

        events.status("open", MONDAY_10.plus(Duration.ofMinutes(60)));
        apply();
        assertThat(clocks.clocks(SubjectKind.CONVERSATION, ACCOUNT + ":5")).singleElement().satisfies(c -> {
            assertThat(c.state()).isEqualTo(ClockState.RUNNING);
            assertThat(c.dueAt()).as("40 minutes left from 11:00").isEqualTo(Instant.parse("2026-07-20T11:40:00Z"));
        });
        assertThat(jdbc.sql("SELECT state FROM sla_state_changes WHERE subject_key = :key ORDER BY changed_at")
                .param("key", ACCOUNT + ":5").query(String.class).list()).as("each pause and resume recorded").containsExactly("PAUSED", "OPEN");

        events.status("resolved", MONDAY_10.plus(Duration.ofMinutes(90)));
        apply();
        assertThat(clocks.clocks(SubjectKind.CONVERSATION, ACCOUNT + ":5")).singleElement().satisfies(c -> {
            assertThat(c.state()).isEqualTo(ClockState.MET);
            assertThat(c.breached()).isFalse();
        });
    }

    @Test
    void a_new_configuration_recomputes_open_clocks_and_past_breaches_stay_as_they_fired() {
        ChatwootEvents.aConversation(jdbc, ACCOUNT, 6, MONDAY_10).customerWrote(MONDAY_10);
        ChatwootEvents.aConversation(jdbc, ACCOUNT, 7, MONDAY_10).customerWrote(MONDAY_10);
        apply();
        clock.set(Instant.parse("2026-07-20T10:15:00Z"));
        timer.runOnce();
        assertThat(clocks.breaches(Instant.EPOCH, BreachKind.BREACHED, null, null, 10)).hasSize(2);

        saveConfig("""
                {"calendars": [{"name": "business", "zone": "UTC", "windows": {"monday": ["09:00-17:00"]}}],
                 "policies": [{"name": "two-hours", "calendar": "business", "firstResponse": {"within": "2h", "businessHours": true}}]}
                """);
        timer.runOnce();

        assertThat(clocks.clocks(SubjectKind.CONVERSATION, ACCOUNT + ":6")).singleElement().satisfies(c -> {
            assertThat(c.policy()).isEqualTo("two-hours");
            assertThat(c.configVersion()).isOne();
            assertThat(c.dueAt()).isEqualTo(Instant.parse("2026-07-20T12:00:00Z"));
            assertThat(c.breached()).isFalse();
        });
        assertThat(clocks.breaches(Instant.EPOCH, BreachKind.BREACHED, null, null, 10))
                .allSatisfy(b -> {
                    assertThat(b.policy()).isEqualTo("default");
                    assertThat(b.configVersion()).isZero();
                    assertThat(b.dueAt()).isEqualTo(Instant.parse("2026-07-20T10:15:00Z"));
                }).hasSize(2);
    }

    @Test
    void events_out_of_order_give_the_clocks_their_history_says() {
        ChatwootEvents events = ChatwootEvents.aConversation(jdbc, ACCOUNT, 8, MONDAY_10);
        events.agentReplied(MONDAY_10.plus(Duration.ofMinutes(5)));
        apply();
        events.customerWrote(MONDAY_10).customerWrote(MONDAY_10.plus(Duration.ofMinutes(30)));
        apply();

        assertThat(clocks.clocks(SubjectKind.CONVERSATION, ACCOUNT + ":8")).singleElement().satisfies(c -> {
            assertThat(c.clock()).isEqualTo(ClockKind.FIRST_RESPONSE);
            assertThat(c.state()).isEqualTo(ClockState.MET);
            assertThat(c.startedAt()).isEqualTo(MONDAY_10);
        });
    }

    @Test
    void policies_match_by_priority_and_label_in_order_and_the_lists_sort_by_sla_risk() {
        saveConfig("""
                {"calendars": [{"name": "business", "zone": "UTC", "windows": {"monday": ["09:00-17:00"]}}],
                 "policies": [
                   {"name": "urgent", "when": {"priorities": ["urgent"]}, "firstResponse": {"within": "5m", "businessHours": false}},
                   {"name": "billing", "when": {"labels": ["billing"]}, "firstResponse": {"within": "30m", "businessHours": false}},
                   {"name": "default", "calendar": "business", "firstResponse": {"within": "1h", "businessHours": true}}]}
                """);
        ChatwootEvents.aConversation(jdbc, ACCOUNT, 20, MONDAY_10).customerWrote(MONDAY_10);
        ChatwootEvents.aConversation(jdbc, ACCOUNT, 21, MONDAY_10).labelled("billing").updated(MONDAY_10.plusSeconds(1)).customerWrote(MONDAY_10);
        ChatwootEvents.aConversation(jdbc, ACCOUNT, 22, MONDAY_10).withPriority("urgent").labelled("billing").updated(MONDAY_10.plusSeconds(1))
                .customerWrote(MONDAY_10);
        apply();

        assertThat(List.of(20L, 21L, 22L)).extracting(c -> clocks.clocks(SubjectKind.CONVERSATION, ACCOUNT + ":" + c).getFirst().policy())
                .containsExactly("default", "billing", "urgent");
        assertThat(conversations.list(Conversations.Filter.any(), Conversations.Sort.SLA, 10, 0))
                .extracting(Conversations.Summary::conversationId).containsExactly(22L, 21L, 20L);
    }

    @Test
    void the_timer_fires_a_breach_within_a_second_of_its_due_instant() {
        saveConfig("""
                {"calendars": [{"name": "business", "zone": "UTC", "windows": {"monday": ["09:00-17:00"]}}],
                 "policies": [{"name": "seconds", "firstResponse": {"within": "3s", "businessHours": false}, "atRiskLead": 0}]}
                """);
        clock.set(Instant.now());
        clock.tick();
        timer.start();
        Instant wrote = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        ChatwootEvents.aConversation(jdbc, ACCOUNT, 30, wrote).customerWrote(wrote);
        apply();

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !clocks.breaches(Instant.EPOCH, null, null, null, 1).isEmpty());
        SlaClocks.Breach breach = clocks.breaches(Instant.EPOCH, null, null, null, 1).getFirst();
        assertThat(breach.dueAt()).isEqualTo(wrote.plusSeconds(3));
        assertThat(Duration.between(breach.dueAt(), breach.firedAt())).isBetween(Duration.ZERO, Duration.ofSeconds(1));
    }

    @Test
    void the_api_shows_clocks_and_breaches_and_refuses_a_broken_configuration_saving_nothing() {
        ChatwootEvents.aConversation(jdbc, ACCOUNT, 40, MONDAY_10).customerWrote(MONDAY_10);
        apply();
        String viewer = token(Role.VIEWER);
        String admin = token(Role.ADMIN);

        var shown = http.get("/api/sla/clocks/conversation/" + ACCOUNT + ":40", viewer);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().get(0).path("dueAt").asString()).isEqualTo("2026-07-20T10:15:00Z");
        assertThat(http.get("/api/sla/clocks/ticket/1", viewer).status()).isEqualTo(400);

        var broken = http.putJson("/api/sla/config?basedOn=0", admin, """
                {"calendars": [{"name": "business", "zone": "Mars/Olympus", "windows": {"funday": ["9-5"]}}],
                 "policies": [{"name": "p", "calendar": "nowhere", "firstResponse": {"within": "soon", "businessHours": true}}]}
                """);
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.contentType()).startsWith("application/problem+json");
        assertThat(broken.body()).contains("calendars[0].zone", "calendars[0].windows.funday", "policies[0].firstResponse.within",
                "policies[0].calendar");
        assertThat(http.putJson("/api/sla/config?basedOn=0", viewer, "{}").status()).as("viewers read only").isEqualTo(403);
        assertThat(store.current().version()).as("nothing saved").isZero();

        var saved = http.putJson("/api/sla/config?basedOn=0", admin, SlaConfig.defaults().toJson());
        assertThat(saved.status()).as("positive control").isEqualTo(200);
        assertThat(http.putJson("/api/sla/config?basedOn=0", admin, SlaConfig.defaults().toJson()).status()).as("stale").isEqualTo(409);
    }

    /** The events into the model, then the conversations it queued through their clocks. */
    private void apply() {
        while (((dev.switchboard.database.PollingWorker) projector).runOnce() > 0) {
            // until the feed is empty
        }
        while (pending.runOnce() > 0) {
            // until every queued conversation is computed
        }
    }

    private void saveConfig(String json) {
        store.save(SlaConfig.read(json), store.current().version(), "test");
    }
}
