package dev.switchboard.cli;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * {@code conversations rebuild [--since T]}: the running server applies the stored events (received since
 * then, or all of them) to the conversation model again. {@code conversations health}: how far behind the
 * event log the model is.
 */
final class ConversationsCommand implements Cli.Command {

    @Override
    public String usage() {
        return """
                usage: conversations rebuild [--since T]
                       conversations health
                  rebuild applies the stored events received since T (all of them without --since) to the
                  conversation model again, in the order received; triage does not run again. It needs an ADMIN token.
                  --url (or SWITCHBOARD_URL) and --token (or SWITCHBOARD_TOKEN) reach the API.
                  T is an ISO-8601 instant, e.g. 2026-07-20T10:00:00Z
                """;
    }

    @Override
    public Set<String> options() {
        return Set.of("since", "url", "token");
    }

    @Override
    public boolean takesAction() {
        return true;
    }

    @Override
    public int run(Options options, PrintStream out) {
        String action = options.positional().orElseThrow(() -> new Options.UsageException("conversations needs rebuild or health"));
        ApiClient api = new ApiClient(options);
        return switch (action) {
            case "rebuild" -> rebuild(api, options, out);
            case "health" -> health(api, out);
            default -> throw new Options.UsageException("Unknown action: " + action);
        };
    }

    private static int rebuild(ApiClient api, Options options, PrintStream out) {
        String path = "/api/conversations/rebuild";
        if (options.get("since").isPresent()) {
            String since = options.get("since").get().trim();
            try {
                Instant.parse(since);
            } catch (DateTimeParseException e) {
                throw new Options.UsageException("--since must be an ISO-8601 instant such as 2026-07-20T10:00:00Z, not " + since);
            }
            path += "?since=" + URLEncoder.encode(since, StandardCharsets.UTF_8);
        }
        ApiClient.Reply reply = api.post(path, "");
        if (!reply.ok()) {
            out.println("Failed: " + reply.problem());
            return 1;
        }
        out.println(reply.body().path("applied").asLong() + " events applied again, received since " + reply.body().path("since").asString());
        return 0;
    }

    private static int health(ApiClient api, PrintStream out) {
        ApiClient.Reply reply = api.get("/api/conversations/health");
        if (!reply.ok()) {
            out.println("Failed: " + reply.problem());
            return 1;
        }
        var h = reply.body();
        out.printf("waiting %d (oldest %d s)  lag p99 %d ms  skipped %d  caught up %s%n", h.path("waiting").asLong(),
                h.path("oldestSeconds").asLong(), h.path("lagP99Millis").asLong(), h.path("skipped").asLong(),
                h.path("caughtUp").asBoolean());
        return 0;
    }
}
