package dev.switchboard.cli;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** {@code drafts export}: every decided draft since a time, a JSON object per line, for the agent's trainers. */
final class DraftsCommand implements Cli.Command {

    @Override
    public String usage() {
        return """
                usage: drafts export [--since T] [--until T] [--format jsonl]
                  Writes every draft decided from --since (default: 30 days ago) to --until (default: now) to standard
                  output, one JSON object per line: the draft, the text sent, the decision, edit distance, grades,
                  intent, confidence, time to decision, whether the customer wrote again within 24 hours.
                  --url (or SWITCHBOARD_URL) and --token (or SWITCHBOARD_TOKEN, AGENT role) reach the API.
                  Times are ISO-8601 instants, e.g. 2026-07-01T00:00:00Z
                """;
    }

    @Override
    public Set<String> options() {
        return Set.of("since", "until", "format", "url", "token");
    }

    @Override
    public boolean takesAction() {
        return true;
    }

    @Override
    public int run(Options options, PrintStream out) {
        String action = options.positional().orElseThrow(() -> new Options.UsageException("drafts needs export"));
        if (!action.equals("export")) {
            throw new Options.UsageException("Unknown action: " + action);
        }
        StringBuilder path = new StringBuilder("/api/drafts/export?format=")
                .append(URLEncoder.encode(options.get("format").orElse("jsonl"), StandardCharsets.UTF_8));
        options.get("since").ifPresent(t -> path.append("&since=").append(URLEncoder.encode(t, StandardCharsets.UTF_8)));
        options.get("until").ifPresent(t -> path.append("&until=").append(URLEncoder.encode(t, StandardCharsets.UTF_8)));
        ApiClient.TextReply reply = new ApiClient(options).getText(path.toString());
        if (reply.status() != 200) {
            System.err.println("Failed: " + reply.status() + " " + reply.body());
            return 1;
        }
        out.print(reply.body());
        out.flush();
        return 0;
    }
}
