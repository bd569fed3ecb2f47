package dev.switchboard.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The clocks of one subject, computed from its whole history each time (messages in any order, the states it
 * went through): nothing is carried over from an earlier computation, so an event that arrives late, or a new
 * policy, gives the clocks the history says they should have.
 */
final class ClockPlan {

    private ClockPlan() {
    }

    /** A state the subject entered at an instant; before the first, it was OPEN from its creation. */
    record StateChange(SubjectState state, Instant at) {
    }

    /**
     * One clock as computed.
     *
     * @param instance    tells the next-response waits apart: the wait's start in epoch milliseconds; 0 for the others
     * @param dueAt       when the target is reached; null while paused (the time left is {@code remaining})
     * @param atRiskAt    when the at-risk warning is due; null without a warning
     * @param endedAt     when it was met or stopped
     * @param pausedSince when the pause began
     * @param remaining   while paused: what is left of the target
     */
    record Planned(ClockKind kind, long instance, ClockState state, Instant startedAt, Instant dueAt, Instant atRiskAt,
                   Instant endedAt, Instant pausedSince, Duration remaining, Duration target, boolean businessHours) {
    }

    /** A stretch of time the clock does not count; {@code to} null while it lasts. */
    record Gap(Instant from, Instant to) {
    }

    static List<Planned> plan(SubjectFacts facts, List<StateChange> history, SlaConfig.Policy policy, BusinessCalendar business,
                              BusinessCalendar always) {
        List<Planned> planned = new ArrayList<>();
        List<StateChange> changes = history.stream().sorted(Comparator.comparing(StateChange::at)).toList();
        responses(facts, changes, policy, business, always, planned);
        if (policy.resolution() != null) {
            planned.add(resolution(facts, changes, policy, calendar(policy.resolution(), business, always)));
        }
        return planned;
    }

    private static BusinessCalendar calendar(SlaConfig.Target target, BusinessCalendar business, BusinessCalendar always) {
        return target.businessHours() && business != null ? business : always;
    }

    /**
     * Walks the messages and resolutions in time order (at the same instant a message comes before a resolution):
     * the first customer message starts the first-response clock unless the team wrote first; a customer message
     * while nothing waits, after a reply or a resolution, starts a next-response wait; a reply meets what waits;
     * a resolution stops it.
     */
    private static void responses(SubjectFacts facts, List<StateChange> changes, SlaConfig.Policy policy, BusinessCalendar business,
                                  BusinessCalendar always, List<Planned> planned) {
        record Step(Instant at, int order, Boolean customer) {
        }
        List<Step> steps = new ArrayList<>();
        facts.marks().forEach(m -> steps.add(new Step(m.at(), 0, m.customer())));
        changes.stream().filter(c -> c.state() == SubjectState.RESOLVED).forEach(c -> steps.add(new Step(c.at(), 1, null)));
        steps.sort(Comparator.comparing(Step::at).thenComparing(Step::order));

        Instant first = null;
        boolean firstDone = false;
        boolean spoken = false;
        Instant waiting = null;
        for (Step step : steps) {
            if (step.customer() == null) {
                if (first != null && !firstDone) {
                    add(planned, ClockKind.FIRST_RESPONSE, 0, first, step.at(), ClockState.STOPPED, policy.firstResponse(), policy, business, always);
                    firstDone = true;
                }
                if (waiting != null) {
                    add(planned, ClockKind.NEXT_RESPONSE, waiting.toEpochMilli(), waiting, step.at(), ClockState.STOPPED, policy.nextResponse(),
                            policy, business, always);
                    waiting = null;
                }
                spoken = true;
            } else if (step.customer()) {
                if (first == null && !spoken) {
                    first = step.at();
                } else if ((first == null || firstDone) && waiting == null) {
                    waiting = step.at();
                }
            } else {
                spoken = true;
                if (first != null && !firstDone) {
                    add(planned, ClockKind.FIRST_RESPONSE, 0, first, step.at(), ClockState.MET, policy.firstResponse(), policy, business, always);
                    firstDone = true;
                } else if (waiting != null) {
                    add(planned, ClockKind.NEXT_RESPONSE, waiting.toEpochMilli(), waiting, step.at(), ClockState.MET, policy.nextResponse(),
                            policy, business, always);
                    waiting = null;
                }
            }
        }
        if (first != null && !firstDone) {
            add(planned, ClockKind.FIRST_RESPONSE, 0, first, null, ClockState.RUNNING, policy.firstResponse(), policy, business, always);
        }
        if (waiting != null) {
            add(planned, ClockKind.NEXT_RESPONSE, waiting.toEpochMilli(), waiting, null, ClockState.RUNNING, policy.nextResponse(), policy,
                    business, always);
        }
    }

    private static void add(List<Planned> planned, ClockKind kind, long instance, Instant start, Instant end, ClockState state,
                            SlaConfig.Target target, SlaConfig.Policy policy, BusinessCalendar business, BusinessCalendar always) {
        if (target == null) {
            return;
        }
        BusinessCalendar calendar = calendar(target, business, always);
        Duration within = target.duration();
        Instant due = reach(calendar, start, List.of(), within);
        planned.add(new Planned(kind, instance, state, start, due, warning(calendar, start, List.of(), within, policy), end, null, null,
                within, target.businessHours() && business != null));
    }

    /**
     * Resolution counts from creation while the subject is open; time resolved never counts (a reopened subject
     * goes on from where it stopped), nor time paused when the policy says so. Met while resolved.
     */
    private static Planned resolution(SubjectFacts facts, List<StateChange> changes, SlaConfig.Policy policy, BusinessCalendar calendar) {
        Instant start = facts.createdAt();
        List<Gap> gaps = new ArrayList<>();
        SubjectState current = SubjectState.OPEN;
        Instant since = start;
        for (StateChange change : changes) {
            if (change.state() == current) {
                continue;
            }
            if (!counts(current, policy)) {
                gaps.add(new Gap(since.isBefore(start) ? start : since, change.at()));
            }
            current = change.state();
            since = change.at();
        }
        Duration within = policy.resolution().duration();
        boolean business = policy.resolution().businessHours();
        if (current == SubjectState.RESOLVED) {
            Instant due = reach(calendar, start, gaps, within);
            return new Planned(ClockKind.RESOLUTION, 0, ClockState.MET, start, due, warning(calendar, start, gaps, within, policy), since,
                    null, null, within, business);
        }
        if (!counts(current, policy)) {
            List<Gap> withPause = new ArrayList<>(gaps);
            withPause.add(new Gap(since, null));
            Instant due = reach(calendar, start, withPause, within);
            if (due == null) {
                Duration used = used(calendar, start, gaps, since);
                return new Planned(ClockKind.RESOLUTION, 0, ClockState.PAUSED, start, null, null, null, since, within.minus(used), within,
                        business);
            }
            return new Planned(ClockKind.RESOLUTION, 0, ClockState.PAUSED, start, due, null, null, since, Duration.ZERO, within, business);
        }
        return new Planned(ClockKind.RESOLUTION, 0, ClockState.RUNNING, start, reach(calendar, start, gaps, within),
                warning(calendar, start, gaps, within, policy), null, null, null, within, business);
    }

    private static boolean counts(SubjectState state, SlaConfig.Policy policy) {
        return switch (state) {
            case OPEN -> true;
            case PAUSED -> !policy.pausesResolution();
            case RESOLVED -> false;
        };
    }

    private static Instant warning(BusinessCalendar calendar, Instant start, List<Gap> gaps, Duration within, SlaConfig.Policy policy) {
        if (policy.lead() <= 0) {
            return null;
        }
        Duration before = Duration.ofMillis(Math.round(within.toMillis() * (1 - policy.lead())));
        return reach(calendar, start, gaps, before);
    }

    /**
     * The instant {@code amount} of counted time after {@code start}, skipping the gaps; null when a gap that
     * still lasts comes first.
     */
    static Instant reach(BusinessCalendar calendar, Instant start, List<Gap> gaps, Duration amount) {
        Instant cursor = start;
        Duration left = amount;
        for (Gap gap : gaps.stream().sorted(Comparator.comparing(Gap::from)).toList()) {
            if (gap.to() != null && !gap.to().isAfter(cursor)) {
                continue;
            }
            if (gap.from().isAfter(cursor)) {
                Duration available = calendar.between(cursor, gap.from());
                if (left.compareTo(available) <= 0) {
                    return calendar.plus(cursor, left);
                }
                left = left.minus(available);
            }
            if (gap.to() == null) {
                return null;
            }
            cursor = gap.to().isAfter(cursor) ? gap.to() : cursor;
        }
        return calendar.plus(cursor, left);
    }

    /** The counted time from {@code start} to {@code until}, skipping the gaps. */
    static Duration used(BusinessCalendar calendar, Instant start, List<Gap> gaps, Instant until) {
        Duration total = calendar.between(start, until);
        for (Gap gap : gaps) {
            Instant from = gap.from().isBefore(start) ? start : gap.from();
            Instant to = gap.to() == null || gap.to().isAfter(until) ? until : gap.to();
            if (to.isAfter(from)) {
                total = total.minus(calendar.between(from, to));
            }
        }
        return total.isNegative() ? Duration.ZERO : total;
    }
}
