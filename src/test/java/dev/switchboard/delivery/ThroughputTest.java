package dev.switchboard.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import dev.switchboard.support.IntegrationTest;
import dev.switchboard.support.Rows;
import dev.switchboard.support.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class ThroughputTest {

    static final Instant NOW = Instant.parse("2026-03-02T12:00:30Z");

    @Autowired
    Throughput throughput;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;

    @BeforeEach
    void emptyDayBefore() {
        jdbc.sql("DELETE FROM events WHERE received_at >= :from AND received_at < :to")
                .param("from", Timestamp.from(NOW.minus(Duration.ofDays(2)))).param("to", Timestamp.from(NOW.plus(Duration.ofDays(2))))
                .update();
        jdbc.sql("DELETE FROM delivery_attempts WHERE started_at >= :from AND started_at < :to")
                .param("from", Timestamp.from(NOW.minus(Duration.ofDays(2)))).param("to", Timestamp.from(NOW.plus(Duration.ofDays(2))))
                .update();
    }

    @Test
    void events_and_delivered_attempts_are_counted_in_their_minute_over_the_last_day() {
        received(NOW.minus(Duration.ofHours(3)), 2);
        received(NOW.minus(Duration.ofHours(25)), 5);
        delivered(NOW.minus(Duration.ofHours(3)), "2xx");
        delivered(NOW.minus(Duration.ofHours(3)), "5xx");
        clock.set(NOW);

        Throughput.Series day = throughput.lastDay();

        int threeHoursAgo = (int) Duration.between(day.start(), NOW.minus(Duration.ofHours(3))).toMinutes();
        assertThat(day.received()).hasSize(Throughput.MINUTES);
        assertThat(day.received()[threeHoursAgo]).isEqualTo(2);
        assertThat(day.delivered()[threeHoursAgo]).isEqualTo(1);
        assertThat(java.util.stream.LongStream.of(day.received()).sum()).isEqualTo(2);
        assertThat(day.start()).isEqualTo(Instant.parse("2026-03-01T12:01:00Z"));
    }

    @Test
    void later_readings_read_only_the_recent_minutes_and_keep_the_settled_ones() {
        received(NOW.minus(Duration.ofMinutes(30)), 3);
        clock.set(NOW);
        Throughput.Series first = throughput.lastDay();

        received(NOW.plus(Duration.ofMinutes(1)), 4);
        clock.set(NOW.plus(Duration.ofMinutes(2)));
        Throughput.Series later = throughput.lastDay();

        assertThat(first.readFrom()).as("a node's first reading reads the whole day").isEqualTo(first.start());
        assertThat(later.readFrom()).as("later ones only the minutes not yet settled")
                .isEqualTo(NOW.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).minus(Duration.ofMinutes(2)));
        int thirtyMinutesBefore = (int) Duration.between(later.start(), NOW.minus(Duration.ofMinutes(30))).toMinutes();
        int aMinuteAfter = (int) Duration.between(later.start(), NOW.plus(Duration.ofMinutes(1))).toMinutes();
        assertThat(later.received()[thirtyMinutesBefore]).as("a settled minute, kept").isEqualTo(3);
        assertThat(later.received()[aMinuteAfter]).as("a recent minute, read").isEqualTo(4);
        assertThat(java.util.stream.LongStream.of(later.received()).sum()).isEqualTo(7);
    }

    private void received(Instant at, int count) {
        for (int i = 0; i < count; i++) {
            Rows.anEvent().receivedAt(at).insert(jdbc);
        }
    }

    private void delivered(Instant at, String outcomeClass) {
        Rows.anAttempt().startedAt(at).withOutcome(outcomeClass).insert(jdbc);
    }
}
