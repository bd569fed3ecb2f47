package dev.switchboard.cli;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code check-agent-health}: GETs the agent's health endpoint, by default {@code /health} on the host of
 * {@code AGENT_SDK_URL}.
 */
final class CheckAgentHealthCommand implements Cli.Command {

    @Override
    public String usage() {
        return """
                usage: check-agent-health [--health-url URL] [--report FILE]
                  Default URL: AGENT_HEALTH_URL, else /health on the host of the agent's webhook address, read as the
                  server reads it (AGENT_SDK_URL, application.yml, --switchboard.delivery.agent-url=…).
                  The report goes to ./agent-health.json unless --report says otherwise.
                  Exit code 0 when the agent answered 2xx, 1 otherwise, 2 for a usage error.
                """;
    }

    @Override
    public Set<String> options() {
        return Set.of("health-url", "report");
    }

    @Override
    public List<String> settings() {
        return List.of("switchboard.delivery.agent-url", "spring.config.");
    }

    @Override
    public int run(Options options, PrintStream out) {
        String url = options.get("health-url").orElseGet(() -> System.getenv("AGENT_HEALTH_URL"));
        if (url == null || url.isBlank()) {
            URI agentUri = CliSettings.load(options.settings()).agentUrl().orElseThrow(() -> new Options.UsageException(
                    "The agent's address is needed: --health-url, AGENT_HEALTH_URL or AGENT_SDK_URL"));
            url = agentUri.getScheme() + "://" + agentUri.getRawAuthority() + "/health";
        }
        HealthCheck check = new HealthCheck("agent " + url);
        check.check("health", URI.create(url), Map.of(), body -> true, "2xx");
        return check.finish(Path.of(options.get("report").orElse("agent-health.json")), out);
    }
}
