package dev.switchboard.sla;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.switchboard.refusal.Invalid;
import org.springframework.boot.convert.DurationStyle;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SLA configuration ADMINs edit (JSON): business-hours calendars and the policies. A conversation or thread
 * takes the first policy, by position, whose conditions all hold.
 *
 * @param calendars the calendars policies count business time by
 * @param policies  the policies, in the order they are tried
 */
public record SlaConfig(List<Calendar> calendars, List<Policy> policies) {

    /**
     * @param name     how policies name it
     * @param zone     an IANA time zone ({@code Europe/Berlin})
     * @param windows  opening windows per weekday ({@code "monday": ["09:00-12:30", "13:30-17:00"]}); a window that closes
     *                 at or before it opens runs overnight ({@code "22:00-06:00"})
     * @param holidays dates the team is closed (the windows that open on them do not)
     */
    public record Calendar(String name, String zone, Map<String, List<String>> windows, List<Holiday> holidays) {
    }

    /** @param name what it is, for people ({@code Christmas Day}) */
    public record Holiday(LocalDate date, String name) {
    }

    /**
     * @param name           the policy's name, shown with each clock and breach
     * @param when           what a conversation or thread must be for the policy to apply (nothing: everything)
     * @param calendar       the calendar business-hours targets count by
     * @param firstResponse  from the first customer message to the first public reply by a person (none: no clock)
     * @param nextResponse   from the oldest unanswered customer message to the next public reply by a person
     * @param resolution     from creation to resolved
     * @param pauseResolution whether the resolution clock stops while the customer is waited on (snoozed, pending)
     * @param atRiskLead     how long before the due instant the at-risk warning fires, as a share of the target (0.2)
     */
    public record Policy(String name, Conditions when, String calendar, Target firstResponse, Target nextResponse, Target resolution,
                         Boolean pauseResolution, Double atRiskLead) {

        boolean pausesResolution() {
            return pauseResolution == null || pauseResolution;
        }

        double lead() {
            return atRiskLead == null ? 0.2 : atRiskLead;
        }
    }

    /**
     * Every condition given must hold; a list holds when the subject has one of its values. Conditions a subject
     * cannot have (a thread has no inbox) do not hold.
     */
    public record Conditions(List<String> subjects, List<String> priorities, List<Long> inboxes, List<String> channels,
                             List<String> labels, Boolean vip, List<String> intents, List<String> threadTypes) {

        boolean holdFor(SubjectKind kind, SubjectFacts.Attributes a) {
            return any(subjects, kind.name()) && any(priorities, a.priority()) && (empty(inboxes) || inboxes.contains(a.inboxId()))
                    && any(channels, a.channel()) && (empty(labels) || a.labels() != null && a.labels().stream().anyMatch(labels::contains))
                    && (vip == null || vip == a.vip()) && any(intents, a.intent()) && any(threadTypes, a.threadType());
        }

        private static boolean any(List<String> wanted, String value) {
            return empty(wanted) || value != null && wanted.stream().anyMatch(w -> w.equalsIgnoreCase(value));
        }

        private static boolean empty(List<?> list) {
            return list == null || list.isEmpty();
        }
    }

    /**
     * @param within        how long ({@code 15m}, {@code 4h}, {@code 2d}, or ISO-8601 {@code PT15M})
     * @param businessHours counted in the calendar's opening hours (false: around the clock)
     */
    public record Target(String within, boolean businessHours) {

        Duration duration() {
            return DurationStyle.detectAndParse(within);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** A document that does not read as a configuration is refused with where it went wrong. */
    public static SlaConfig read(String json) {
        try {
            return JSON.readValue(json, SlaConfig.class);
        } catch (JacksonException e) {
            throw Invalid.field("config", "not an SLA configuration: " + e.getOriginalMessage());
        }
    }

    public String toJson() {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
    }

    /** What Switchboard starts with: first response within 15 minutes of business hours, Monday to Friday 09:00–17:00 UTC. */
    public static SlaConfig defaults() {
        Map<String, List<String>> weekdays = new java.util.LinkedHashMap<>();
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            weekdays.put(day.name().toLowerCase(Locale.ROOT), List.of("09:00-17:00"));
        }
        return new SlaConfig(List.of(new Calendar("business", "UTC", weekdays, List.of())),
                List.of(new Policy("default", null, "business", new Target("15m", true), null, null, true, 0.2)));
    }

    /** The first policy whose conditions hold, or null. */
    Policy policyFor(SubjectKind kind, SubjectFacts.Attributes attributes) {
        for (Policy policy : policies) {
            if (policy.when() == null || policy.when().holdFor(kind, attributes)) {
                return policy;
            }
        }
        return null;
    }

    /** The calendars, built; validates first. */
    Map<String, BusinessCalendar> buildCalendars() {
        validate();
        Map<String, BusinessCalendar> built = new java.util.HashMap<>();
        for (Calendar c : calendars) {
            Map<DayOfWeek, List<BusinessCalendar.Window>> windows = new EnumMap<>(DayOfWeek.class);
            c.windows().forEach((day, spans) -> windows.put(DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT)),
                    spans.stream().map(SlaConfig::window).toList()));
            Set<LocalDate> holidays = new HashSet<>();
            if (c.holidays() != null) {
                c.holidays().forEach(h -> holidays.add(h.date()));
            }
            built.put(c.name(), new BusinessCalendar(ZoneId.of(c.zone()), windows, holidays));
        }
        return built;
    }

    /** Every problem at once, with where it is, so a person fixes them in one go. */
    public void validate() {
        List<Invalid.FieldProblem> problems = new ArrayList<>();
        Set<String> calendarNames = new HashSet<>();
        if (calendars == null || calendars.isEmpty()) {
            problems.add(new Invalid.FieldProblem("calendars", "at least one calendar is needed"));
        } else {
            for (int i = 0; i < calendars.size(); i++) {
                checkCalendar(calendars.get(i), "calendars[" + i + "]", calendarNames, problems);
            }
        }
        if (policies == null || policies.isEmpty()) {
            problems.add(new Invalid.FieldProblem("policies", "at least one policy is needed"));
        } else {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < policies.size(); i++) {
                checkPolicy(policies.get(i), "policies[" + i + "]", names, calendarNames, problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new Invalid("The SLA configuration has " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                    + ": nothing was saved.", problems);
        }
    }

    private static void checkCalendar(Calendar c, String at, Set<String> names, List<Invalid.FieldProblem> problems) {
        if (c == null || c.name() == null || c.name().isBlank()) {
            problems.add(new Invalid.FieldProblem(at + ".name", "a calendar needs a name"));
            return;
        }
        if (!names.add(c.name())) {
            problems.add(new Invalid.FieldProblem(at + ".name", "\"" + c.name() + "\" is named twice"));
        }
        try {
            ZoneId.of(c.zone() == null ? "" : c.zone());
        } catch (DateTimeException e) {
            problems.add(new Invalid.FieldProblem(at + ".zone", "not a time zone: \"" + c.zone() + "\" (an IANA name such as Europe/Berlin)"));
        }
        int open = 0;
        for (Map.Entry<String, List<String>> day : c.windows() == null ? Set.<Map.Entry<String, List<String>>>of() : c.windows().entrySet()) {
            String where = at + ".windows." + day.getKey();
            try {
                DayOfWeek.valueOf(day.getKey().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(new Invalid.FieldProblem(where, "not a day of the week (monday … sunday)"));
                continue;
            }
            for (String span : day.getValue() == null ? List.<String>of() : day.getValue()) {
                try {
                    window(span);
                    open++;
                } catch (IllegalArgumentException e) {
                    problems.add(new Invalid.FieldProblem(where, e.getMessage()));
                }
            }
        }
        if (open == 0) {
            problems.add(new Invalid.FieldProblem(at + ".windows", "at least one opening window is needed (\"monday\": [\"09:00-17:00\"])"));
        }
        if (c.holidays() != null && c.holidays().stream().anyMatch(h -> h == null || h.date() == null)) {
            problems.add(new Invalid.FieldProblem(at + ".holidays", "every holiday needs a date (2026-12-25)"));
        }
    }

    private static void checkPolicy(Policy p, String at, Set<String> names, Set<String> calendarNames, List<Invalid.FieldProblem> problems) {
        if (p == null || p.name() == null || p.name().isBlank()) {
            problems.add(new Invalid.FieldProblem(at + ".name", "a policy needs a name"));
            return;
        }
        if (!names.add(p.name())) {
            problems.add(new Invalid.FieldProblem(at + ".name", "\"" + p.name() + "\" is named twice"));
        }
        boolean business = false;
        int targets = 0;
        for (Map.Entry<String, Target> target : targets(p).entrySet()) {
            if (target.getValue() == null) {
                continue;
            }
            targets++;
            business |= target.getValue().businessHours();
            try {
                Duration d = target.getValue().duration();
                if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofDays(365)) > 0) {
                    problems.add(new Invalid.FieldProblem(at + "." + target.getKey() + ".within", "more than nothing, up to a year"));
                }
            } catch (RuntimeException e) {
                problems.add(new Invalid.FieldProblem(at + "." + target.getKey() + ".within",
                        "not a duration: \"" + target.getValue().within() + "\" (15m, 4h, 2d or PT15M)"));
            }
        }
        if (targets == 0) {
            problems.add(new Invalid.FieldProblem(at, "\"" + p.name() + "\" has no target (firstResponse, nextResponse or resolution)"));
        }
        if ((business || p.calendar() != null) && !calendarNames.contains(p.calendar())) {
            problems.add(new Invalid.FieldProblem(at + ".calendar", p.calendar() == null ? "business-hours targets need a calendar"
                    : "no calendar is named \"" + p.calendar() + "\""));
        }
        if (p.atRiskLead() != null && (p.atRiskLead() < 0 || p.atRiskLead() >= 1)) {
            problems.add(new Invalid.FieldProblem(at + ".atRiskLead", "a share of the target from 0 (no warning) to below 1"));
        }
        if (p.when() != null && p.when().subjects() != null) {
            for (String subject : p.when().subjects()) {
                if (subject == null || !Set.of("CONVERSATION", "THREAD").contains(subject.toUpperCase(Locale.ROOT))) {
                    problems.add(new Invalid.FieldProblem(at + ".when.subjects", "conversation or thread, not \"" + subject + "\""));
                }
            }
        }
    }

    static Map<String, Target> targets(Policy p) {
        Map<String, Target> targets = new java.util.LinkedHashMap<>();
        targets.put("firstResponse", p.firstResponse());
        targets.put("nextResponse", p.nextResponse());
        targets.put("resolution", p.resolution());
        return targets;
    }

    /** {@code "09:00-17:00"} as a window. */
    static BusinessCalendar.Window window(String span) {
        String[] ends = span == null ? new String[0] : span.split("-");
        if (ends.length != 2) {
            throw new IllegalArgumentException("not an opening window: \"" + span + "\" (09:00-17:00)");
        }
        try {
            return new BusinessCalendar.Window(LocalTime.parse(ends[0].strip()), LocalTime.parse(ends[1].strip()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an opening window: \"" + span + "\" (09:00-17:00)");
        }
    }
}
