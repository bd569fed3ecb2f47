package dev.switchboard.cli;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code check-agent-health}: GETs the agent's health endpoint, by default {@code /health} on the host of
 * {@code AGENT_SDK_URL}.
 */
final class CheckAgentHealthCommand implements Cli.Command {

    @Override
    public String usage() {
        return """
                usage: check-agent-health [--health-url URL] [--report FILE]
                  Default URL: /health on the host of AGENT_SDK_URL (or AGENT_HEALTH_URL); report ./agent-health.json.
                  Exit code 0 when the agent answered 2xx, 1 otherwise.
                """;
    }

    @Override
    public int run(Options options, PrintStream out) {
        String url = options.get("health-url").orElseGet(() -> System.getenv("AGENT_HEALTH_URL"));
        if (url == null || url.isBlank()) {
            String agent = System.getenv("AGENT_SDK_URL");
            if (agent == null || agent.isBlank()) {
                throw new Options.UsageException("The agent's address is needed: --health-url, AGENT_HEALTH_URL or AGENT_SDK_URL");
            }
            URI agentUri = URI.create(agent.trim());
            url = agentUri.getScheme() + "://" + agentUri.getRawAuthority() + "/health";
        }
        HealthCheck check = new HealthCheck("agent " + url);
        check.check("health", URI.create(url), Map.of(), body -> true, "2xx");
        return check.finish(Path.of(options.get("report").orElse("agent-health.json")), out);
    }
}
