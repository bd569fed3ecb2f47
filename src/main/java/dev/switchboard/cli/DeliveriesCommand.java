package dev.switchboard.cli;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * {@code deliveries dead} lists dead deliveries; {@code deliveries replay} puts them back, by id or by
 * filter, counting first unless told {@code --yes}.
 */
final class DeliveriesCommand implements Cli.Command {

    /** Each option and the API's name for it; --error-class is the name of before for --last-error. */
    private static final Map<String, String> FILTERS = Map.of("destination", "destination", "event", "eventType",
            "last-error", "lastError", "error-class", "lastError", "from", "from", "to", "to");

    @Override
    public String usage() {
        return """
                usage: deliveries dead   [--destination D] [--event E] [--last-error C] [--from T] [--to T] [--limit N]
                       deliveries replay --id ID
                       deliveries replay [--destination D] [--event E] [--last-error C] [--from T] [--to T]
                                         [--rate N] [--yes] [--wait]
                       deliveries cancel --replay REPLAY_ID
                  Without --yes, replay only counts what it would put back (a dry run); --wait follows its
                  progress; cancel sends what a replay has not yet attempted back to dead.
                  --url (or SWITCHBOARD_URL) and --token (or SWITCHBOARD_TOKEN, AGENT role to replay) reach the API.
                  Times are ISO-8601 instants, e.g. 2026-07-20T10:00:00Z; last errors: 4xx 5xx timeout connect tls io
                """;
    }

    @Override
    public Set<String> options() {
        return Set.of("destination", "event", "last-error", "error-class", "from", "to", "limit", "id", "rate", "yes", "wait", "replay",
                "url", "token");
    }

    @Override
    public boolean takesAction() {
        return true;
    }

    @Override
    public int run(Options options, PrintStream out) {
        String action = options.positional().orElseThrow(() -> new Options.UsageException("deliveries needs dead or replay"));
        ApiClient api = new ApiClient(options);
        return switch (action) {
            case "dead" -> dead(api, options, out);
            case "replay" -> replay(api, options, out);
            case "cancel" -> cancel(api, options, out);
            default -> throw new Options.UsageException("Unknown action: " + action);
        };
    }

    private static int dead(ApiClient api, Options options, PrintStream out) {
        StringBuilder query = new StringBuilder("/api/deliveries?status=DEAD&limit=" + options.intValue("limit", 50));
        filters(options).forEach((name, value) -> query.append('&').append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        ApiClient.Reply reply = api.get(query.toString());
        if (!reply.ok()) {
            out.println("Failed: " + reply.problem());
            return 1;
        }
        out.printf("%-36s  %-12s  %-28s  %-8s  %-3s  %s%n", "delivery", "destination", "event", "error", "try", "dead at");
        for (JsonNode d : reply.body().path("items")) {
            out.printf("%-36s  %-12s  %-28s  %-8s  %3d  %s%n", d.path("id").asString(), d.path("destination").asString(),
                    d.path("eventType").asString(), d.path("lastError").asString(""), d.path("attempts").asInt(),
                    d.path("deadAt").asString(""));
        }
        out.println(reply.body().path("items").size() + " dead deliveries shown");
        return 0;
    }

    private static int replay(ApiClient api, Options options, PrintStream out) {
        ApiClient.Reply reply;
        if (options.get("id").isPresent()) {
            reply = api.post("/api/deliveries/" + options.get("id").get() + "/replay", "");
        } else {
            Map<String, Object> request = new LinkedHashMap<>();
            filters(options).forEach((name, value) -> request.put(name, value));
            boolean confirmed = options.get("yes").isPresent();
            request.put("dryRun", !confirmed);
            if (options.get("rate").isPresent()) {
                request.put("ratePerSecond", options.intValue("rate", 50));
            }
            reply = api.post("/api/deliveries/replays", ApiClient.JSON.writeValueAsString(request));
            if (reply.ok() && !confirmed) {
                out.println(reply.body().path("count").asLong() + " dead deliveries match; run again with --yes to replay them");
                return 0;
            }
        }
        if (!reply.ok()) {
            out.println("Failed: " + reply.problem());
            return 1;
        }
        String replayId = reply.body().path("replayId").asString();
        out.printf("Replaying %d deliveries at up to %d/s (replay %s)%n", reply.body().path("count").asInt(),
                reply.body().path("ratePerSecond").asInt(), replayId);
        return options.get("wait").isPresent() ? follow(api, replayId, out) : 0;
    }

    private static int cancel(ApiClient api, Options options, PrintStream out) {
        String replayId = options.get("replay").orElseThrow(() -> new Options.UsageException("cancel needs --replay REPLAY_ID"));
        ApiClient.Reply reply = api.post("/api/deliveries/replays/" + replayId + "/cancel", "");
        if (!reply.ok()) {
            out.println("Failed: " + reply.problem());
            return 1;
        }
        out.println(reply.body().path("cancelled").asInt() + " deliveries of replay " + replayId + " sent back to dead");
        return 0;
    }

    /** Prints progress every second until nothing of the replay is waiting or retrying. */
    private static int follow(ApiClient api, String replayId, PrintStream out) {
        while (true) {
            ApiClient.Reply progress = api.get("/api/deliveries/replays/" + replayId);
            if (!progress.ok()) {
                out.println("Failed: " + progress.problem());
                return 1;
            }
            JsonNode p = progress.body();
            out.printf("total %d  waiting %d  retrying %d  delivered %d  dead %d%n", p.path("total").asLong(),
                    p.path("waiting").asLong(), p.path("retrying").asLong(), p.path("delivered").asLong(), p.path("dead").asLong());
            if (p.path("finished").asBoolean()) {
                return p.path("dead").asLong() == 0 ? 0 : 1;
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }
    }

    /** The filters given, under the API's names. */
    private static Map<String, String> filters(Options options) {
        Map<String, String> filters = new LinkedHashMap<>();
        FILTERS.forEach((option, field) -> options.get(option).ifPresent(value -> filters.put(field, value)));
        return filters;
    }
}
