package dev.switchboard.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Business time across weekends, several windows a day, overnight windows, holidays and both DST changes. */
class BusinessCalendarTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void a_deadline_inside_the_window_is_plain_addition() {
        BusinessCalendar weekdays = weekdays(w("09:00", "17:00"));

        assertThat(weekdays.plus(at("2026-07-20T09:00"), Duration.ofMinutes(15))).isEqualTo(at("2026-07-20T09:15"));
        assertThat(weekdays.plus(at("2026-07-20T10:00"), Duration.ZERO)).isEqualTo(at("2026-07-20T10:00"));
    }

    @Test
    void time_outside_the_windows_does_not_count_and_a_weekend_is_skipped() {
        BusinessCalendar weekdays = weekdays(w("09:00", "17:00"));

        assertThat(weekdays.plus(at("2026-07-24T16:55"), Duration.ofMinutes(15))).as("Friday to Monday").isEqualTo(at("2026-07-27T09:10"));
        assertThat(weekdays.plus(at("2026-07-25T12:00"), Duration.ofMinutes(15))).as("from Saturday").isEqualTo(at("2026-07-27T09:15"));
        assertThat(weekdays.between(at("2026-07-24T16:00"), at("2026-07-27T10:00"))).isEqualTo(Duration.ofHours(2));
        assertThat(weekdays.isOpen(at("2026-07-25T12:00"))).isFalse();
        assertThat(weekdays.isOpen(at("2026-07-24T12:00"))).isTrue();
    }

    @Test
    void several_windows_a_day_skip_the_gap_between_them() {
        BusinessCalendar split = weekdays(w("09:00", "12:00"), w("13:00", "17:00"));

        assertThat(split.plus(at("2026-07-20T11:55"), Duration.ofMinutes(10))).isEqualTo(at("2026-07-20T13:05"));
        assertThat(split.between(at("2026-07-20T08:00"), at("2026-07-20T18:00"))).isEqualTo(Duration.ofHours(7));
    }

    @Test
    void an_overnight_window_runs_into_the_next_day() {
        BusinessCalendar nights = weekdays(w("22:00", "06:00"));

        assertThat(nights.plus(at("2026-07-21T05:50"), Duration.ofMinutes(15))).as("Monday night's window, then Tuesday night's")
                .isEqualTo(at("2026-07-21T22:05"));
        assertThat(nights.isOpen(at("2026-07-21T03:00"))).isTrue();
        assertThat(nights.between(at("2026-07-20T00:00"), at("2026-07-21T12:00"))).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void an_overnight_window_and_the_next_mornings_window_are_not_counted_twice() {
        BusinessCalendar overlapping = weekdays(w("20:00", "08:00"), w("06:00", "10:00"));

        assertThat(overlapping.between(at("2026-07-21T00:00"), at("2026-07-21T12:00"))).as("00:00–10:00").isEqualTo(Duration.ofHours(10));
        assertThat(overlapping.plus(at("2026-07-21T05:00"), Duration.ofHours(4))).isEqualTo(at("2026-07-21T09:00"));
    }

    @Test
    void a_holiday_closes_the_windows_that_open_on_it() {
        BusinessCalendar withHoliday = new BusinessCalendar(BERLIN, weekdayMap(w("09:00", "17:00")), Set.of(LocalDate.parse("2026-07-20")));

        assertThat(withHoliday.plus(at("2026-07-20T10:00"), Duration.ofMinutes(15))).isEqualTo(at("2026-07-21T09:15"));
        assertThat(withHoliday.between(at("2026-07-20T00:00"), at("2026-07-21T10:00"))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void clocks_going_forward_take_an_hour_out_of_a_window_that_spans_the_change() {
        BusinessCalendar nights = every(w("01:00", "05:00"));

        // 29 March 2026: 02:00 CET becomes 03:00 CEST
        assertThat(nights.between(at("2026-03-29T00:00"), at("2026-03-29T06:00"))).isEqualTo(Duration.ofHours(3));
        assertThat(nights.plus(at("2026-03-29T01:30"), Duration.ofHours(2))).isEqualTo(at("2026-03-29T04:30"));
        assertThat(nights.plus(at("2026-03-29T01:30"), Duration.ofMinutes(150))).as("to the window's end").isEqualTo(at("2026-03-29T05:00"));
    }

    @Test
    void clocks_going_back_add_an_hour_to_a_window_that_spans_the_change() {
        BusinessCalendar nights = every(w("01:00", "05:00"));

        // 25 October 2026: 03:00 CEST becomes 02:00 CET
        assertThat(nights.between(at("2026-10-25T00:00"), at("2026-10-25T06:00"))).isEqualTo(Duration.ofHours(5));
        assertThat(nights.plus(at("2026-10-25T01:00"), Duration.ofHours(4))).as("4 real hours end at 04:00 CET").isEqualTo(at("2026-10-25T04:00"));
    }

    @Test
    void a_window_opening_in_the_gap_opens_when_the_clock_jumps_past_it() {
        BusinessCalendar lateNight = every(w("02:30", "04:00"));

        assertThat(lateNight.between(at("2026-03-29T00:00"), at("2026-03-29T06:00"))).as("03:30 to 04:00 CEST").isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void calendar_time_is_every_hour_of_every_day() {
        BusinessCalendar always = BusinessCalendar.always(BERLIN);

        assertThat(always.plus(at("2026-07-25T23:50"), Duration.ofMinutes(15))).isEqualTo(at("2026-07-26T00:05"));
        assertThat(always.between(at("2026-03-29T00:00"), at("2026-03-30T00:00"))).isEqualTo(Duration.ofHours(23));
    }

    @Test
    void a_calendar_without_windows_is_refused() {
        assertThatThrownBy(() -> new BusinessCalendar(BERLIN, Map.of(), Set.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(weekdays(w("09:00", "17:00"))).as("one window is enough").isNotNull();
    }

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
    }

    private static BusinessCalendar.Window w(String open, String close) {
        return new BusinessCalendar.Window(LocalTime.parse(open), LocalTime.parse(close));
    }

    private static BusinessCalendar weekdays(BusinessCalendar.Window... windows) {
        return new BusinessCalendar(BERLIN, weekdayMap(windows), Set.of());
    }

    private static Map<DayOfWeek, List<BusinessCalendar.Window>> weekdayMap(BusinessCalendar.Window... windows) {
        Map<DayOfWeek, List<BusinessCalendar.Window>> map = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            map.put(day, List.of(windows));
        }
        return map;
    }

    private static BusinessCalendar every(BusinessCalendar.Window... windows) {
        Map<DayOfWeek, List<BusinessCalendar.Window>> map = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            map.put(day, List.of(windows));
        }
        return new BusinessCalendar(BERLIN, map, Set.of());
    }
}
