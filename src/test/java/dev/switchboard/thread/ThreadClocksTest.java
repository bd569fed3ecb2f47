package dev.switchboard.thread;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import dev.switchboard.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A native thread's SLA clocks, with the default configuration (first response within 15 minutes of business hours,
 * 09:00–17:00 UTC on weekdays) and a resolution target saved for the pause test. Monday 20 July 2026, 10:00.
 */
@IntegrationTest
class ThreadClocksTest extends ThreadTestSupport {

    @Test
    void a_raised_thread_runs_a_first_response_clock_that_a_staff_reply_meets_and_a_note_does_not() {
        Raised raised = raise("Refund", "Where is my refund?");
        JsonNode clock = thread(raised.id()).path("clocks").get(0);
        assertThat(clock.path("clock").asString()).isEqualTo("FIRST_RESPONSE");
        assertThat(clock.path("state").asString()).isEqualTo("RUNNING");
        assertThat(clock.path("dueAt").asString()).isEqualTo("2026-07-20T10:15:00Z");

        this.clock.advance(Duration.ofMinutes(5));
        post(raised.id(), "INTERNAL", "Checking the payment provider");
        assertThat(thread(raised.id()).path("clocks").get(0).path("state").asString()).as("a note is no reply").isEqualTo("RUNNING");

        post(raised.id(), "EXTERNAL", "Your refund left today.");
        JsonNode met = thread(raised.id()).path("clocks").get(0);
        assertThat(met.path("state").asString()).isEqualTo("MET");
        assertThat(met.path("endedAt").asString()).isEqualTo("2026-07-20T10:05:00Z");
    }

    @Test
    void a_pending_thread_pauses_its_resolution_clock_and_the_customers_reply_resumes_it() {
        jdbc.sql("TRUNCATE sla_config_versions").update();
        jdbc.sql("""
                INSERT INTO sla_config_versions (version, config, changed_by, changed_at, summary) VALUES (1, CAST(:config AS jsonb), 'test', now(), 'test')
                """).param("config", """
                {"calendars": [{"name": "business", "zone": "UTC", "windows": {"monday": ["09:00-17:00"]}}],
                 "policies": [{"name": "threads", "when": {"subjects": ["thread"]}, "resolution": {"within": "4h", "businessHours": false}}]}
                """).update();
        try {
            Raised raised = raise("Broken", "It does not start");
            clock.advance(Duration.ofHours(1));
            assertThat(move(raised.id(), "PENDING").status()).isEqualTo(200);
            JsonNode paused = thread(raised.id()).path("clocks").get(0);
            assertThat(paused.path("state").asString()).isEqualTo("PAUSED");
            assertThat(paused.path("pausedRemainingSeconds").asLong()).isEqualTo(Duration.ofHours(3).toSeconds());

            clock.advance(Duration.ofHours(2));
            assertThat(http.postJson("/api/support/public/links/" + raised.link() + "/messages", null,
                    "{\"body\": \"Still broken\"}").status()).isLessThan(300);
            JsonNode resumed = thread(raised.id()).path("clocks").get(0);
            assertThat(resumed.path("state").asString()).isEqualTo("RUNNING");
            assertThat(Instant.parse(resumed.path("dueAt").asString())).as("3 hours left from 13:00").isEqualTo("2026-07-20T16:00:00Z");
        } finally {
            jdbc.sql("TRUNCATE sla_config_versions").update();
        }
    }
}
