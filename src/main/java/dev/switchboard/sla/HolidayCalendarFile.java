package dev.switchboard.sla;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.util.ICalDate;
import dev.switchboard.refusal.Invalid;

/**
 * Holidays from an iCalendar file (RFC 5545: a public-holiday feed, an exported team calendar), read with biweekly: each
 * event's days, an all-day event as the dates it names (its end is exclusive), a timed one as the days it touches in the
 * calendar's zone; a recurring event (a yearly holiday) is expanded for the years ahead.
 */
final class HolidayCalendarFile {

    /** How far ahead a recurring holiday is expanded. */
    static final int YEARS_AHEAD = 3;
    /** More days than this in one file is not a holiday calendar. */
    static final int MOST = 2_000;

    private HolidayCalendarFile() {
    }

    static List<SlaConfig.Holiday> read(String text, ZoneId zone, Clock clock) {
        List<ICalendar> calendars = text == null || text.isBlank() ? List.of() : Biweekly.parse(text).all();
        if (calendars.isEmpty()) {
            throw Invalid.field("file", "not an iCalendar file (it should begin with BEGIN:VCALENDAR)");
        }
        LocalDate until = LocalDate.now(clock.withZone(zone)).plusYears(YEARS_AHEAD);
        Map<LocalDate, String> days = new LinkedHashMap<>();
        for (ICalendar calendar : calendars) {
            for (VEvent event : calendar.getEvents()) {
                if (event.getDateStart() == null) {
                    continue;
                }
                String name = event.getSummary() == null ? "holiday" : event.getSummary().getValue();
                ICalDate start = event.getDateStart().getValue();
                long span = spanDays(event, start, zone);
                for (LocalDate first : firstDays(event, start, zone, until)) {
                    for (long d = 0; d < span; d++) {
                        days.putIfAbsent(first.plusDays(d), name);
                    }
                }
                if (days.size() > MOST) {
                    throw Invalid.field("file", "more than " + MOST + " days: this does not look like a holiday calendar");
                }
            }
        }
        List<SlaConfig.Holiday> holidays = new ArrayList<>();
        days.forEach((date, name) -> holidays.add(new SlaConfig.Holiday(date, name)));
        holidays.sort(java.util.Comparator.comparing(SlaConfig.Holiday::date));
        return holidays;
    }

    /** The day each occurrence begins: the event's own, or each of a recurring event's up to {@code until}. */
    private static List<LocalDate> firstDays(VEvent event, ICalDate start, ZoneId zone, LocalDate until) {
        if (event.getRecurrenceRule() == null) {
            return List.of(day(start, zone));
        }
        List<LocalDate> occurrences = new ArrayList<>();
        Iterator<Date> dates = event.getDateIterator(TimeZone.getTimeZone(zone));
        while (dates.hasNext() && occurrences.size() <= MOST) {
            Date next = dates.next();
            // the iterator gives each occurrence's start in the zone it was asked for: midnight there for an all-day event
            LocalDate day = next.toInstant().atZone(zone).toLocalDate();
            if (day.isAfter(until)) {
                break;
            }
            occurrences.add(day);
        }
        return occurrences;
    }

    /** How many days an occurrence covers: an all-day event up to its exclusive end, a timed one the days it touches. */
    private static long spanDays(VEvent event, ICalDate start, ZoneId zone) {
        if (event.getDateEnd() == null) {
            return 1;
        }
        LocalDate first = day(start, zone);
        ICalDate end = event.getDateEnd().getValue();
        LocalDate last = day(end, zone);
        long days = java.time.temporal.ChronoUnit.DAYS.between(first, last) + (end.hasTime() ? 1 : 0);
        return Math.max(1, Math.min(days, 366));
    }

    /** An all-day date as written (no zone shifts it); a date-time as the day it falls on in the calendar's zone. */
    private static LocalDate day(ICalDate date, ZoneId zone) {
        if (!date.hasTime()) {
            var raw = date.getRawComponents();
            if (raw != null) {
                return LocalDate.of(raw.getYear(), raw.getMonth(), raw.getDate());
            }
        }
        return date.toInstant().atZone(zone).toLocalDate();
    }
}
