package dev.switchboard.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The clocks a history gives, computed without a database: Monday 20 July 2026, around the clock unless said. */
class ClockPlanTest {

    private static final Instant T0 = Instant.parse("2026-07-20T10:00:00Z");
    private static final BusinessCalendar ALWAYS = BusinessCalendar.always(ZoneOffset.UTC);
    private static final SlaConfig.Policy ALL_THREE = new SlaConfig.Policy("p", null, null, target("15m"), target("30m"), target("2h"),
            true, 0.2);

    @Test
    void a_conversation_the_team_started_has_no_first_response_and_the_customers_answer_starts_a_wait() {
        List<ClockPlan.Planned> plan = plan(List.of(reply(0), customer(5), reply(20)), List.of());

        assertThat(plan).filteredOn(p -> p.kind() != ClockKind.RESOLUTION).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ClockKind.NEXT_RESPONSE);
            assertThat(p.startedAt()).isEqualTo(at(5));
            assertThat(p.state()).isEqualTo(ClockState.MET);
            assertThat(p.endedAt()).isEqualTo(at(20));
        });
    }

    @Test
    void each_wait_for_a_reply_is_a_next_response_clock_from_its_oldest_unanswered_message() {
        List<ClockPlan.Planned> plan = plan(List.of(customer(0), reply(10), customer(20), customer(25), reply(40), customer(60)), List.of());

        assertThat(plan).filteredOn(p -> p.kind() == ClockKind.NEXT_RESPONSE)
                .extracting(ClockPlan.Planned::startedAt, ClockPlan.Planned::state, ClockPlan.Planned::dueAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(at(20), ClockState.MET, at(50)),
                        org.assertj.core.groups.Tuple.tuple(at(60), ClockState.RUNNING, at(90)));
        assertThat(plan).filteredOn(p -> p.kind() == ClockKind.FIRST_RESPONSE).singleElement()
                .satisfies(p -> assertThat(p.endedAt()).isEqualTo(at(10)));
    }

    @Test
    void a_resolution_before_any_reply_stops_the_response_clocks_without_meeting_them() {
        List<ClockPlan.Planned> plan = plan(List.of(customer(0)), List.of(change(SubjectState.RESOLVED, 5)));

        assertThat(plan).filteredOn(p -> p.kind() == ClockKind.FIRST_RESPONSE).singleElement()
                .satisfies(p -> assertThat(p.state()).isEqualTo(ClockState.STOPPED));
        assertThat(plan).filteredOn(p -> p.kind() == ClockKind.RESOLUTION).singleElement()
                .satisfies(p -> assertThat(p.state()).isEqualTo(ClockState.MET));
    }

    @Test
    void resolution_counts_neither_paused_nor_resolved_time_and_a_reopened_subject_goes_on_from_where_it_stopped() {
        List<ClockPlan.StateChange> history = List.of(change(SubjectState.PAUSED, 30), change(SubjectState.OPEN, 90),
                change(SubjectState.RESOLVED, 100), change(SubjectState.OPEN, 200));

        ClockPlan.Planned resolution = resolution(plan(List.of(customer(0)), history));

        assertThat(resolution.state()).isEqualTo(ClockState.RUNNING);
        assertThat(resolution.dueAt()).as("30 + 10 minutes counted; 80 left from 200").isEqualTo(at(280));
    }

    @Test
    void without_pausing_the_resolution_clock_runs_through_the_wait_for_the_customer() {
        SlaConfig.Policy policy = new SlaConfig.Policy("p", null, null, null, null, target("2h"), false, 0.2);

        ClockPlan.Planned resolution = resolution(ClockPlan.plan(facts(List.of(customer(0))), List.of(change(SubjectState.PAUSED, 30)),
                policy, null, ALWAYS));

        assertThat(resolution.state()).isEqualTo(ClockState.RUNNING);
        assertThat(resolution.dueAt()).isEqualTo(at(120));
    }

    @Test
    void a_paused_clock_has_no_due_instant_but_the_time_left() {
        ClockPlan.Planned resolution = resolution(plan(List.of(customer(0)), List.of(change(SubjectState.PAUSED, 45))));

        assertThat(resolution.state()).isEqualTo(ClockState.PAUSED);
        assertThat(resolution.dueAt()).isNull();
        assertThat(resolution.remaining()).isEqualTo(Duration.ofMinutes(75));
    }

    @Test
    void the_at_risk_instant_is_the_lead_before_the_due_instant_and_none_without_a_lead() {
        assertThat(first(plan(List.of(customer(0)), List.of())).atRiskAt()).isEqualTo(at(12));

        SlaConfig.Policy noWarning = new SlaConfig.Policy("p", null, null, target("15m"), null, null, true, 0.0);
        assertThat(first(ClockPlan.plan(facts(List.of(customer(0))), List.of(), noWarning, null, ALWAYS)).atRiskAt()).isNull();
    }

    @Test
    void messages_in_any_order_plan_the_same_clocks() {
        List<SubjectFacts.Mark> inOrder = List.of(customer(0), reply(10), customer(20), reply(40), customer(60));
        List<SubjectFacts.Mark> shuffled = new ArrayList<>(inOrder);
        java.util.Collections.shuffle(shuffled, new java.util.Random(7));

        assertThat(plan(shuffled, List.of())).isEqualTo(plan(inOrder, List.of()));
    }

    private static List<ClockPlan.Planned> plan(List<SubjectFacts.Mark> marks, List<ClockPlan.StateChange> history) {
        return ClockPlan.plan(facts(marks), history, ALL_THREE, null, ALWAYS);
    }

    private static SubjectFacts facts(List<SubjectFacts.Mark> marks) {
        return new SubjectFacts("1:1", T0, SubjectState.OPEN, T0, new SubjectFacts.Attributes(null, null, null, List.of(), false, null, null),
                marks);
    }

    private static ClockPlan.Planned resolution(List<ClockPlan.Planned> plan) {
        return plan.stream().filter(p -> p.kind() == ClockKind.RESOLUTION).findFirst().orElseThrow();
    }

    private static ClockPlan.Planned first(List<ClockPlan.Planned> plan) {
        return plan.stream().filter(p -> p.kind() == ClockKind.FIRST_RESPONSE).findFirst().orElseThrow();
    }

    private static SlaConfig.Target target(String within) {
        return new SlaConfig.Target(within, false);
    }

    private static SubjectFacts.Mark customer(int minute) {
        return new SubjectFacts.Mark(at(minute), true);
    }

    private static SubjectFacts.Mark reply(int minute) {
        return new SubjectFacts.Mark(at(minute), false);
    }

    private static ClockPlan.StateChange change(SubjectState state, int minute) {
        return new ClockPlan.StateChange(state, at(minute));
    }

    private static Instant at(int minute) {
        return T0.plus(Duration.ofMinutes(minute));
    }
}
