package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.support.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A bad setting stops the start with a message that names it. */
@Tag(IntegrationTest.NEEDS_DATABASE)
class ConfigurationValidationTest {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "switchboard.inbound.signature-mode     | maybe            | switchboard.inbound.signature-mode",
            "switchboard.inbound.timestamp-tolerance | 0s              | timestampTolerance",
            "switchboard.inbound.ack-timeout        | 10s              | ackTimeout",
            "switchboard.inbound.max-body-size      | 100GB            | switchboard.inbound.max-body-size",
            "switchboard.inbound.batch-size         | 0                | batchSize",
            "switchboard.chatwoot.base-url          | ftp://chat.local | switchboard.chatwoot.base-url",
            "switchboard.delivery.agent-url         | not a url        | switchboard.delivery.agent-url",
            "switchboard.database.url               | mysql://db/sb    | DATABASE_URL",
            "switchboard.database.pool-size         | 1                | poolSize",
            "switchboard.delivery.agent-timeout     | 2m               | agentTimeout",
            "switchboard.delivery.agent-secret      | not-whsec        | switchboard.delivery.agent-secret"})
    void bad_value_stops_the_start_naming_the_property(String property, String value, String named) {
        var application = new SpringApplicationBuilder(SwitchboardApplication.class).profiles("test");

        assertThatThrownBy(() -> application.run("--server.port=0", "--" + property + "=" + value).close()).satisfies(e -> {
            String messages = messages(e);
            org.assertj.core.api.Assertions.assertThat(messages).contains(named);
        });
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
