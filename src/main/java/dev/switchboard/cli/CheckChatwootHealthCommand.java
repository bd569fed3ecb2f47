package dev.switchboard.cli;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code check-chatwoot-health}: is Chatwoot up ({@code GET /health} answers {@code {"status":"woot"}}), are
 * its queue and database services fine ({@code GET /api}), and does {@code CHATWOOT_API_KEY} reach the
 * account ({@code GET /api/v1/accounts/{id}/inboxes})?
 */
final class CheckChatwootHealthCommand implements Cli.Command {

    @Override
    public String usage() {
        return """
                usage: check-chatwoot-health [--base-url URL] [--api-key KEY] [--account-id N] [--report FILE]
                  Defaults: CHATWOOT_BASE_URL, CHATWOOT_API_KEY, CHATWOOT_ACCOUNT_ID, ./chatwoot-health.json.
                  Exit code 0 when every check passed, 1 otherwise.
                """;
    }

    @Override
    public int run(Options options, PrintStream out) {
        String base = options.get("base-url").orElseGet(() -> System.getenv("CHATWOOT_BASE_URL"));
        if (base == null || base.isBlank()) {
            throw new Options.UsageException("Chatwoot's address is needed: --base-url or CHATWOOT_BASE_URL");
        }
        base = base.replaceAll("/+$", "");
        String apiKey = options.get("api-key").orElseGet(() -> System.getenv("CHATWOOT_API_KEY"));
        String account = options.get("account-id").orElseGet(() -> System.getenv("CHATWOOT_ACCOUNT_ID"));
        HealthCheck check = new HealthCheck("chatwoot " + base);
        check.check("health", URI.create(base + "/health"), Map.of(), body -> body.contains("\"woot\""), "{\"status\":\"woot\"}");
        check.check("services", URI.create(base + "/api"), Map.of(),
                body -> body.contains("\"queue_services\":\"ok\"") && body.contains("\"data_services\":\"ok\""),
                "queue_services and data_services ok");
        if (apiKey == null || apiKey.isBlank() || account == null || account.isBlank()) {
            check.skipped("account api", "CHATWOOT_API_KEY and CHATWOOT_ACCOUNT_ID are needed for the authenticated check");
        } else {
            check.check("account api", URI.create(base + "/api/v1/accounts/" + account.trim() + "/inboxes"),
                    Map.of("api_access_token", apiKey.trim(), "Accept", "application/json"), body -> true, "200");
        }
        return check.finish(Path.of(options.get("report").orElse("chatwoot-health.json")), out);
    }
}
