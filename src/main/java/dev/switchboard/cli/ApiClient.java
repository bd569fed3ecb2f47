package dev.switchboard.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The commands that operate a running Switchboard do it through its API, with an API token. */
final class ApiClient {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    ApiClient(Options options) {
        this.base = options.get("url").orElse(System.getenv().getOrDefault("SWITCHBOARD_URL",
                "http://localhost:" + System.getenv().getOrDefault("PORT", "8080"))).replaceAll("/+$", "");
        this.token = options.get("token").orElseGet(() -> System.getenv("SWITCHBOARD_TOKEN"));
        if (token == null || token.isBlank()) {
            throw new Options.UsageException("An API token is needed: --token sb_… or SWITCHBOARD_TOKEN");
        }
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Reply post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** The answer as text, whatever its type (the drafts export is JSON lines). */
    TextReply getText(String path) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return new TextReply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new Options.UsageException("Cannot reach Switchboard at " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Options.UsageException("interrupted");
        }
    }

    record TextReply(int status, String body) {
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Reply(response.statusCode(), body);
        } catch (IOException e) {
            throw new Options.UsageException("Cannot reach Switchboard at " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Options.UsageException("interrupted");
        }
    }

    record Reply(int status, JsonNode body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        String problem() {
            return status + " " + body.path("detail").asString(body.toString());
        }
    }
}
