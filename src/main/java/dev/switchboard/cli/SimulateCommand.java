package dev.switchboard.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import dev.switchboard.inbound.ChatwootSignature;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * {@code simulate}: posts Chatwoot-shaped webhook bodies to a running Switchboard, signed the way
 * Chatwoot signs them, so a person can watch the intake work without a Chatwoot. With stand-ins for the agent (which
 * may propose drafts) and for Chatwoot's API (which takes the replies), the whole loop runs on one machine.
 */
final class SimulateCommand implements Cli.Command {

    private static final String BUILT_IN = "classpath:fixtures/chatwoot/*.json";
    private static final String WEBHOOK_PATH = "/api/webhooks/chatwoot";

    @Override
    public String usage() {
        return """
                usage: simulate [--url http://localhost:8080] [--secret S] [--dir FOLDER] [--repeat N]
                                [--agent-port P [--fail-share 0.2] [--propose [--draft-secret S | --agent-token T]]]
                                [--chatwoot-port P] [--agent-only] [--agent-seconds N]
                  --url          Switchboard's address, http://localhost:8080, or the whole webhook URL ending in
                                 /api/webhooks/chatwoot (default: localhost on the server's port setting)
                  --secret       the webhook secret to sign with (default: the first of the server's webhook
                                 secrets, CHATWOOT_WEBHOOK_SECRET, read as the server reads it)
                  --dir          a folder of *.json webhook bodies (default: the fixtures built into the jar)
                  --repeat       post the whole set N times (default 1); repeats are answered as duplicates
                  --agent-port   also run a stand-in agent on this port (start Switchboard with
                                 AGENT_SDK_URL=http://localhost:P/webhook); it prints every webhook it gets
                  --fail-share   the share of attempts the stand-in answers 503 (0 to 1, default 0)
                  --propose      the stand-in agent answers each customer message it gets with a draft
                                 (POST /api/agent/drafts), and prints the draft.decided events it is told
                  --draft-secret the agent's draft secret to sign drafts with (default: the first of the server's
                                 switchboard.drafts.agent-secret, SWITCHBOARD_DRAFTS_AGENT_SECRET)
                  --agent-token  an AGENT_BOT API token to propose with instead of a signature
                  --chatwoot-port also run a stand-in for Chatwoot's API on this port (start Switchboard with
                                 CHATWOOT_BASE_URL=http://localhost:P and any CHATWOOT_API_KEY): it keeps and prints
                                 the replies and notes Switchboard posts and sends their webhooks back, signed
                  --agent-only   run the stand-ins only, post nothing
                  --agent-seconds keep the stand-ins running this long after posting (default: until Ctrl-C)
                """;
    }

    @Override
    public Set<String> options() {
        return Set.of("url", "secret", "dir", "repeat", "agent-port", "fail-share", "agent-only", "agent-seconds", "propose",
                "draft-secret", "agent-token", "chatwoot-port");
    }

    @Override
    public List<String> settings() {
        return List.of("switchboard.inbound.secrets", "switchboard.drafts.agent-secret", "server.port", "spring.config.");
    }

    @Override
    public int run(Options options, PrintStream out) {
        if (options.get("agent-port").isEmpty() && options.get("chatwoot-port").isEmpty()) {
            return post(options, out);
        }
        double failShare;
        try {
            failShare = Double.parseDouble(options.get("fail-share").orElse("0"));
        } catch (NumberFormatException e) {
            throw new Options.UsageException("--fail-share must be a number from 0 to 1");
        }
        if (failShare < 0 || failShare > 1) {
            throw new Options.UsageException("--fail-share must be a number from 0 to 1");
        }
        if (options.get("propose").isPresent() && options.get("agent-port").isEmpty()) {
            throw new Options.UsageException("--propose needs --agent-port: the stand-in agent is what proposes");
        }
        boolean posting = options.get("agent-only").isEmpty() || options.get("propose").isPresent() || options.get("chatwoot-port").isPresent();
        Target target = posting ? Target.of(options) : null;
        DraftProposer proposer = options.get("propose").isEmpty() ? null
                : new DraftProposer(target.base(), options.get("draft-secret").orElseGet(() -> target.settings().draftSecret().orElse(null)),
                options.get("agent-token").orElse(null), out);
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
             StandInAgent agent = options.get("agent-port").isEmpty() ? null
                     : new StandInAgent(options.intValue("agent-port", 0), failShare, proposer, out);
             StandInChatwoot chatwoot = options.get("chatwoot-port").isEmpty() ? null
                     : new StandInChatwoot(options.intValue("chatwoot-port", 0), body -> post(client, target.webhook(), target.secret(),
                     new Fixture("echo", body)), out)) {
            if (agent != null) {
                out.printf("Stand-in agent on http://localhost:%d/webhook, answering 503 to %.0f%% of attempts%s%n", agent.port(),
                        failShare * 100, proposer == null ? "" : ", proposing a draft for each customer message");
            }
            if (chatwoot != null) {
                out.printf("Stand-in Chatwoot API on http://localhost:%d%n", chatwoot.port());
            }
            int exit = options.get("agent-only").isPresent() ? 0 : post(options, out);
            int seconds = options.intValue("agent-seconds", Integer.MAX_VALUE);
            Thread.sleep(seconds == Integer.MAX_VALUE ? Long.MAX_VALUE : seconds * 1000L);
            if (agent != null) {
                out.printf("Stand-in agent received %d webhooks, answered %d with 503%n", agent.received(), agent.failed());
            }
            return exit;
        } catch (IOException e) {
            throw new Options.UsageException("Cannot start a stand-in: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Switchboard's webhook address and the secret to sign with; the server's settings are read only when needed. */
    private record Target(URI webhook, String secret, CliSettings settings) {

        static Target of(Options options) {
            boolean needed = options.get("url").isEmpty() || options.get("secret").isEmpty()
                    || (options.get("propose").isPresent() && options.get("draft-secret").isEmpty() && options.get("agent-token").isEmpty());
            CliSettings settings = needed ? CliSettings.load(options.settings()) : null;
            String base = options.get("url").orElseGet(() -> "http://localhost:" + settings.port());
            return new Target(webhookUrl(base), options.get("secret").orElseGet(() -> settings.webhookSecret().orElse(null)), settings);
        }

        /** Switchboard's own address, where the agent's drafts go. */
        URI base() {
            return webhook.resolve("/");
        }
    }

    private int post(Options options, PrintStream out) {
        Target target = Target.of(options);
        String secret = target.secret();
        int repeat = options.intValue("repeat", 1);
        List<Fixture> fixtures;
        try {
            fixtures = options.get("dir").isPresent() ? fromFolder(Path.of(options.get("dir").get())) : builtIn();
        } catch (IOException e) {
            throw new Options.UsageException("Cannot read the fixtures: " + e.getMessage());
        }
        if (fixtures.isEmpty()) {
            throw new Options.UsageException("No *.json webhook bodies found");
        }
        if (secret == null) {
            out.println("No secret given: posting unsigned (accepted only with signature-mode off or warn)");
        }
        int failures = 0;
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            for (int round = 1; round <= repeat; round++) {
                for (Fixture fixture : fixtures) {
                    String result = post(client, target.webhook(), secret, fixture);
                    failures += result.startsWith("200") ? 0 : 1;
                    out.printf("%-48s %s%n", fixture.name(), result);
                }
            }
        }
        out.printf("%d posted, %d not accepted%n", fixtures.size() * repeat, failures);
        return failures == 0 ? 0 : 1;
    }

    private static String post(HttpClient client, URI target, String secret, Fixture fixture) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("X-Chatwoot-Delivery", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofByteArray(fixture.body()));
        if (secret != null) {
            long timestamp = Instant.now().getEpochSecond();
            request.header("X-Chatwoot-Timestamp", Long.toString(timestamp))
                    .header("X-Chatwoot-Signature", ChatwootSignature.sign(secret, timestamp, fixture.body()));
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (IOException e) {
            return "failed: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** A URL that already ends in the webhook's path is used as it is; any other is Switchboard's address. */
    static URI webhookUrl(String given) {
        String url = given.trim().replaceAll("/+$", "");
        try {
            URI uri = URI.create(url.endsWith(WEBHOOK_PATH) ? url : url + WEBHOOK_PATH);
            if (!uri.isAbsolute() || uri.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new Options.UsageException("--url must be an http:// or https:// address, such as http://localhost:8080");
        }
    }

    private static List<Fixture> fromFolder(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Fixture> fixtures = new ArrayList<>();
            for (Path file : files.filter(SimulateCommand::isWebhookBody).sorted(Comparator.comparing(Path::toString)).toList()) {
                fixtures.add(new Fixture(file.getFileName().toString(), Files.readAllBytes(file)));
            }
            return fixtures;
        }
    }

    /** Chatwoot's fixture folders also hold signatures.json, the test vectors, which is no webhook. */
    private static boolean isWebhookBody(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") && !name.equals("signatures.json") && Files.isRegularFile(file);
    }

    private static List<Fixture> builtIn() throws IOException {
        List<Fixture> fixtures = new ArrayList<>();
        Resource[] resources = new PathMatchingResourcePatternResolver().getResources(BUILT_IN);
        Stream.of(resources).sorted(Comparator.comparing(Resource::getFilename)).forEach(resource -> {
            try (InputStream in = resource.getInputStream()) {
                fixtures.add(new Fixture(resource.getFilename(), in.readAllBytes()));
            } catch (IOException e) {
                throw new Options.UsageException("Cannot read " + resource.getFilename() + ": " + e.getMessage());
            }
        });
        return fixtures;
    }

    private record Fixture(String name, byte[] body) {
    }
}
