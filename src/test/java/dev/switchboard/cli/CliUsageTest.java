package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only {@code serve}, or nothing, starts the server; help is help; anything unknown is refused with exit code 2. */
class CliUsageTest {

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void only_nothing_or_serve_with_settings_starts_the_server() {
        assertThat(Cli.startsServer(new String[] {})).isTrue();
        assertThat(Cli.startsServer(new String[] {"serve"})).isTrue();
        assertThat(Cli.startsServer(new String[] {"serve", "--server.port=9090", "--switchboard.inbound.signature-mode=warn"})).isTrue();
        assertThat(Cli.serverArguments(new String[] {"serve", "--server.port=9090"})).containsExactly("--server.port=9090");

        assertThat(Cli.startsServer(new String[] {"--help"})).isFalse();
        assertThat(Cli.startsServer(new String[] {"help"})).isFalse();
        assertThat(Cli.startsServer(new String[] {"--server.port=9090"})).isFalse();
        assertThat(Cli.startsServer(new String[] {"serve", "--help"})).isFalse();
        assertThat(Cli.startsServer(new String[] {"serve", "now"})).isFalse();
        assertThat(Cli.startsServer(new String[] {"simulate"})).isFalse();
        assertThat(Cli.startsServer(new String[] {"srve"})).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"help", "--help", "-h"})
    void help_prints_every_command(String help) {
        assertThat(run(help)).isZero();
        assertThat(printed()).contains("usage: java -jar switchboard.jar").contains("serve").contains("simulate")
                .contains("deliveries").contains("check-chatwoot-health").contains("check-agent-health");
    }

    @ParameterizedTest
    @ValueSource(strings = {"simulate", "deliveries", "check-chatwoot-health", "check-agent-health", "serve"})
    void a_commands_help_prints_its_usage_and_does_nothing_else(String command) {
        assertThat(run(command, "--help")).isZero();
        assertThat(printed()).contains("usage: " + command);
        assertThat(errors()).isEmpty();
    }

    @Test
    void an_unknown_command_is_refused_with_the_list_of_commands() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(errors()).contains("Unknown command: frobnicate").contains("check-chatwoot-health");
    }

    @Test
    void a_setting_without_serve_says_where_it_goes() {
        assertThat(run("--server.port=9090")).isEqualTo(2);
        assertThat(errors()).contains("serve --server.port=9090");
    }

    @Test
    void an_unknown_option_of_a_command_is_refused_with_its_usage() {
        assertThat(run("check-chatwoot-health", "--base-urll", "http://chat.example.com")).isEqualTo(2);
        assertThat(errors()).contains("Unknown option: --base-urll").contains("usage: check-chatwoot-health");
        assertThat(run("deliveries", "dead", "--destinaton", "agent")).isEqualTo(2);
        assertThat(run("simulate", "--agent-prot", "9999")).isEqualTo(2);
    }

    @Test
    void serve_with_something_that_is_no_setting_is_refused() {
        assertThat(run("serve", "now")).isEqualTo(2);
        assertThat(errors()).contains("Not a setting: now").contains("usage: serve");
    }

    private int run(String... args) {
        return Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
