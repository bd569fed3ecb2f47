package dev.switchboard.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import dev.switchboard.refusal.Invalid;
import org.junit.jupiter.api.Test;

/** Holidays read from the project's own iCalendar fixture: all-day, several days, yearly, and a timed event. */
class HolidayCalendarFileTest {

    private static final Clock JULY_2026 = Clock.fixed(Instant.parse("2026-07-20T10:00:00Z"), ZoneOffset.UTC);
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void all_day_events_are_their_dates_with_the_end_left_out_and_a_yearly_one_is_expanded_three_years_ahead() throws IOException {
        List<SlaConfig.Holiday> holidays = HolidayCalendarFile.read(fixture(), BERLIN, JULY_2026);

        assertThat(holidays).extracting(SlaConfig.Holiday::date).containsExactly(
                LocalDate.parse("2026-07-20"),
                LocalDate.parse("2026-12-25"), LocalDate.parse("2026-12-26"), LocalDate.parse("2026-12-27"),
                LocalDate.parse("2027-01-01"), LocalDate.parse("2028-01-01"), LocalDate.parse("2029-01-01"));
        assertThat(holidays.get(1).name()).isEqualTo("Christmas Day");
        assertThat(holidays.get(0).name()).as("a timed event closes the day it falls on").isEqualTo("Team offsite");
    }

    @Test
    void a_file_that_is_not_icalendar_is_refused_with_a_reason() {
        assertThatThrownBy(() -> HolidayCalendarFile.read("Christmas, 25 December", BERLIN, JULY_2026))
                .isInstanceOf(Invalid.class).hasMessageContaining("not an iCalendar file");
    }

    static String fixture() throws IOException {
        try (InputStream in = HolidayCalendarFileTest.class.getResourceAsStream("/sla/holidays.ics")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
