package dev.switchboard.cli;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.switchboard.chatwoot.ChatwootProperties;

/**
 * {@code check-chatwoot-health}: is Chatwoot up ({@code GET /health} answers {@code {"status":"woot"}}), are
 * its queue and database services fine ({@code GET /api}), and does the API key reach the account
 * ({@code GET /api/v1/accounts/{id}/inboxes})? Chatwoot's address, key and account are read as the server
 * reads them.
 */
final class CheckChatwootHealthCommand implements Cli.Command {

    private static final String PREFIX = "switchboard.chatwoot.";

    @Override
    public String usage() {
        return """
                usage: check-chatwoot-health [--base-url URL] [--api-key KEY] [--account-id N] [--report FILE]
                  Chatwoot's address, API key and account are read as the server reads them: CHATWOOT_BASE_URL,
                  CHATWOOT_API_KEY, CHATWOOT_ACCOUNT_ID (or SWITCHBOARD_CHATWOOT_*), application.yml beside the jar,
                  or --switchboard.chatwoot.base-url=… and the like; --base-url, --api-key and --account-id are short
                  for those. Without a key and an account the authenticated check is skipped, and said to be.
                  The report goes to ./chatwoot-health.json unless --report says otherwise.
                  Exit code 0 when every check that ran passed, 1 otherwise, 2 for a usage error.
                """;
    }

    @Override
    public Set<String> options() {
        return Set.of("base-url", "api-key", "account-id", "report");
    }

    @Override
    public List<String> settings() {
        return List.of(PREFIX, "spring.config.");
    }

    @Override
    public int run(Options options, PrintStream out) {
        List<String> settings = new ArrayList<>(options.settings());
        options.get("base-url").ifPresent(v -> settings.add("--" + PREFIX + "base-url=" + v.trim()));
        options.get("api-key").ifPresent(v -> settings.add("--" + PREFIX + "api-key=" + v.trim()));
        options.get("account-id").ifPresent(v -> settings.add("--" + PREFIX + "account-id=" + v.trim()));
        ChatwootProperties chatwoot = CliSettings.load(settings).chatwoot();
        if (chatwoot.baseUrl() == null) {
            throw new Options.UsageException("Chatwoot's address is needed: --base-url, CHATWOOT_BASE_URL or switchboard.chatwoot.base-url");
        }
        String base = chatwoot.baseUrl().toString().replaceAll("/+$", "");
        HealthCheck check = new HealthCheck("chatwoot " + base);
        check.check("health", URI.create(base + "/health"), Map.of(), body -> body.contains("\"woot\""), "{\"status\":\"woot\"}");
        check.check("services", URI.create(base + "/api"), Map.of(),
                body -> body.contains("\"queue_services\":\"ok\"") && body.contains("\"data_services\":\"ok\""),
                "queue_services and data_services ok");
        if (chatwoot.apiKey() == null || chatwoot.apiKey().isBlank() || chatwoot.accountId() == null) {
            check.skipped("account api", "no API key and account id (CHATWOOT_API_KEY, CHATWOOT_ACCOUNT_ID): the authenticated check did not run");
        } else {
            check.check("account api", URI.create(base + "/api/v1/accounts/" + chatwoot.accountId() + "/inboxes"),
                    Map.of("api_access_token", chatwoot.apiKey().trim(), "Accept", "application/json"), body -> true, "200");
        }
        return check.finish(Path.of(options.get("report").orElse("chatwoot-health.json")), out);
    }
}
