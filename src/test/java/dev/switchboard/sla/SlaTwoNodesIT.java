package dev.switchboard.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.switchboard.support.ChatwootEvents;
import dev.switchboard.support.SwitchboardProcess;
import dev.switchboard.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Two Switchboard processes on one database watch the same deadlines: conversations arrive over a few seconds with a
 * first response due 6 s later, both nodes set timers for every deadline, and each breach and each warning fires once.
 */
class SlaTwoNodesIT {

    private static final String DATABASE = "switchboard_two_nodes_test";
    private static final int CONVERSATIONS = 120;

    @TempDir
    Path workDir;

    @Test
    void two_nodes_fire_each_breach_and_each_warning_exactly_once_and_near_its_instant() throws Exception {
        TestDatabase.recreateOnce(DATABASE);
        URI url = URI.create(TestDatabase.url(DATABASE));
        String[] credentials = url.getUserInfo().split(":", 2);
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource("jdbc:postgresql://" + url.getHost() + ":" + url.getPort()
                + url.getPath(), credentials[0], credentials[1]));
        Map<String, String> env = Map.of("DATABASE_URL", url.toString());
        String[] args = {"--switchboard.sla.sweep-interval=1s"};

        try (SwitchboardProcess first = SwitchboardProcess.start(workDir, SwitchboardProcess.freePort(), env, args)
                .awaitReady(Duration.ofSeconds(120))) {
            Matcher printed = Pattern.compile("Bearer (sb_\\S+)").matcher(first.output());
            assertThat(printed.find()).as("the first start's admin token").isTrue();
            var saved = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(first.base() + "/api/sla/config?basedOn=0"))
                    .header("Authorization", "Bearer " + printed.group(1)).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("""
                            {"calendars": [{"name": "business", "zone": "UTC", "windows": {"monday": ["09:00-17:00"]}}],
                             "policies": [{"name": "seconds", "firstResponse": {"within": "6s", "businessHours": false}, "atRiskLead": 0.5}]}
                            """)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);

            try (SwitchboardProcess second = SwitchboardProcess.start(workDir, SwitchboardProcess.freePort(), env, args)
                    .awaitReady(Duration.ofSeconds(120))) {
                for (int i = 0; i < CONVERSATIONS; i++) {
                    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                    ChatwootEvents.aConversation(jdbc, 5, 1000 + i, now).customerWrote(now);
                    if (i % 30 == 29) {
                        Thread.sleep(1000);   // deadlines over a few seconds, not one instant
                    }
                }
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> jdbc.sql(
                        "SELECT count(*) FROM sla_breaches WHERE kind = 'BREACHED'").query(Long.class).single() >= CONVERSATIONS);
                Thread.sleep(3000);   // any second firing would come from the other node's timer or sweep by now

                assertThat(jdbc.sql("""
                        SELECT kind, count(*), count(DISTINCT clock_id) FROM sla_breaches GROUP BY kind ORDER BY kind
                        """).query((rs, n) -> List.of(rs.getString(1), rs.getLong(2), rs.getLong(3))).list())
                        .as("per kind: fired, distinct clocks").containsExactly(List.of("AT_RISK", (long) CONVERSATIONS, (long) CONVERSATIONS),
                                List.of("BREACHED", (long) CONVERSATIONS, (long) CONVERSATIONS));
                assertThat(jdbc.sql("SELECT count(DISTINCT fired_by) FROM sla_breaches").query(Long.class).single())
                        .as("fired by the nodes there were").isBetween(1L, 2L);
                double lateP50 = jdbc.sql("""
                        SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM fired_at - due_at))
                        FROM sla_breaches WHERE kind = 'BREACHED'
                        """).query(Double.class).single();
                assertThat(lateP50).as("half the breaches within 1 s of their due instant (seconds)").isLessThan(1.0);
            }
        }
    }
}
