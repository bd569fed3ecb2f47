package dev.switchboard.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When a team is open: a time zone, opening windows per weekday (several a day; a window that closes at or
 * before it opens runs overnight into the next day), and holidays (a holiday closes the windows that open on
 * it). Business time is real elapsed time inside the windows: a window from 01:00 to 05:00 holds three hours
 * on the night clocks go forward and five on the night they go back. Times that do not exist on a day (in a
 * DST gap) move forward by the gap's length, and times that exist twice take the earlier one, as
 * {@link ZonedDateTime#of} does.
 */
public final class BusinessCalendar {

    /** How far ahead a deadline is looked for before the calendar is taken to have no open time. */
    private static final int MAX_DAYS = 3 * 366;

    private final ZoneId zone;
    private final Map<DayOfWeek, List<Window>> windows;
    private final Set<LocalDate> holidays;

    public BusinessCalendar(ZoneId zone, Map<DayOfWeek, List<Window>> windows, Set<LocalDate> holidays) {
        this.zone = zone;
        this.windows = Map.copyOf(windows);
        this.holidays = Set.copyOf(holidays);
        if (this.windows.values().stream().allMatch(List::isEmpty)) {
            throw new IllegalArgumentException("a calendar needs at least one opening window");
        }
    }

    /** Open all day, every day: calendar time. */
    public static BusinessCalendar always(ZoneId zone) {
        Map<DayOfWeek, List<Window>> all = new java.util.EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            all.put(day, List.of(new Window(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT)));
        }
        return new BusinessCalendar(zone, all, Set.of());
    }

    /**
     * An opening window; {@code close} at or before {@code open} means it closes the next day
     * (22:00–06:00; 00:00–00:00 is the whole day).
     */
    public record Window(LocalTime open, LocalTime close) {
        boolean overnight() {
            return !close.isAfter(open);
        }
    }

    /** The instant {@code amount} of business time after {@code start} (start itself when the amount is zero). */
    public Instant plus(Instant start, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("negative business time: " + amount);
        }
        Duration left = amount;
        // the time counted so far ends here: an overnight window and the next day's first one may overlap
        Instant cursor = start;
        LocalDate day = start.atZone(zone).toLocalDate().minusDays(1);
        for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
            for (Interval open : intervals(day)) {
                if (!open.end().isAfter(cursor)) {
                    continue;
                }
                Instant from = open.start().isAfter(cursor) ? open.start() : cursor;
                Duration available = Duration.between(from, open.end());
                if (left.compareTo(available) <= 0) {
                    return from.plus(left);
                }
                left = left.minus(available);
                cursor = open.end();
            }
        }
        throw new IllegalStateException("no open time within " + MAX_DAYS + " days after " + start);
    }

    /** The business time between two instants (zero when {@code to} is not after {@code from}). */
    public Duration between(Instant from, Instant to) {
        Duration total = Duration.ZERO;
        if (!to.isAfter(from)) {
            return total;
        }
        LocalDate last = to.atZone(zone).toLocalDate();
        Instant cursor = from;
        for (LocalDate day = from.atZone(zone).toLocalDate().minusDays(1); !day.isAfter(last); day = day.plusDays(1)) {
            for (Interval open : intervals(day)) {
                Instant start = open.start().isAfter(cursor) ? open.start() : cursor;
                Instant end = open.end().isBefore(to) ? open.end() : to;
                if (end.isAfter(start)) {
                    total = total.plus(Duration.between(start, end));
                    cursor = end;
                }
            }
        }
        return total;
    }

    /** Whether the team is open at that instant. */
    public boolean isOpen(Instant at) {
        LocalDate day = at.atZone(zone).toLocalDate();
        for (LocalDate d = day.minusDays(1); !d.isAfter(day); d = d.plusDays(1)) {
            for (Interval open : intervals(d)) {
                if (!open.start().isAfter(at) && open.end().isAfter(at)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The windows that open on that day, as instants, in order and merged where they touch or overlap. */
    private List<Interval> intervals(LocalDate day) {
        if (holidays.contains(day)) {
            return List.of();
        }
        List<Interval> found = new ArrayList<>();
        for (Window window : windows.getOrDefault(day.getDayOfWeek(), List.of())) {
            Instant open = ZonedDateTime.of(day, window.open(), zone).toInstant();
            Instant close = ZonedDateTime.of(window.overnight() ? day.plusDays(1) : day, window.close(), zone).toInstant();
            if (close.isAfter(open)) {
                found.add(new Interval(open, close));
            }
        }
        found.sort(Comparator.comparing(Interval::start));
        List<Interval> merged = new ArrayList<>();
        for (Interval next : found) {
            if (!merged.isEmpty() && !next.start().isAfter(merged.getLast().end())) {
                Interval last = merged.removeLast();
                merged.add(new Interval(last.start(), next.end().isAfter(last.end()) ? next.end() : last.end()));
            } else {
                merged.add(next);
            }
        }
        return merged;
    }

    private record Interval(Instant start, Instant end) {
    }
}
