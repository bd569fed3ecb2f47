package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import dev.switchboard.support.IntegrationTest;
import dev.switchboard.support.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class SimulateCommandTest {

    private static final String SECRET = "sw1tchb0ardTestSecret24c";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;

    @BeforeEach
    void realTime() {
        // simulate signs with the wall clock, as Chatwoot does
        clock.set(Instant.now());
        jdbc.sql("TRUNCATE events CASCADE").update();
    }

    @Test
    void built_in_fixtures_are_all_accepted_then_all_recognised_as_duplicates() {
        var out = new ByteArrayOutputStream();

        int first = Cli.run(new String[] {"simulate", "--url", "http://127.0.0.1:" + port, "--secret", SECRET},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        int again = Cli.run(new String[] {"simulate", "--url", "http://127.0.0.1:" + port, "--secret", SECRET},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(first).isZero();
        assertThat(again).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM events").query(Long.class).single()).isEqualTo(12);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("12 posted, 0 not accepted").contains("\"duplicate\":true");
    }

    @Test
    void a_wrong_secret_exits_1_and_stores_nothing() {
        var out = new ByteArrayOutputStream();

        int exit = Cli.run(new String[] {"simulate", "--url", "http://127.0.0.1:" + port, "--secret", "wrong"},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("401");
        assertThat(jdbc.sql("SELECT count(*) FROM events").query(Long.class).single()).isZero();
    }

    @Test
    void a_whole_webhook_url_is_taken_as_it_is_and_a_base_address_is_completed() {
        var out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);

        int whole = Cli.run(new String[] {"simulate", "--url", "http://127.0.0.1:" + port + "/api/webhooks/chatwoot", "--secret", SECRET},
                print, print);
        long stored = jdbc.sql("SELECT count(*) FROM events").query(Long.class).single();
        int base = Cli.run(new String[] {"simulate", "--url", "http://127.0.0.1:" + port + "/", "--secret", SECRET}, print, print);

        assertThat(whole).isZero();
        assertThat(stored).isPositive();
        assertThat(base).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).split("12 posted, 0 not accepted", -1)).as("both runs accepted all").hasSize(3);
    }

    @Test
    void an_unknown_option_prints_usage_and_exits_2() {
        var err = new ByteArrayOutputStream();

        int exit = Cli.run(new String[] {"simulate", "oops"}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: simulate");
    }
}
