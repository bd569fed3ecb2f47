package dev.switchboard.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Chatwoot's health and account API as Switchboard calls them. Every API request it receives is checked
 * against Chatwoot's own OpenAPI document when {@code ../shared} has it, so the fake cannot drift from
 * the real API unnoticed.
 */
public final class FakeChatwoot implements AutoCloseable {

    public static final Path SPEC = Path.of("..", "shared", "chatwoot", "application_swagger.json");
    private static volatile OpenApiInteractionValidator validator;

    private final HttpServer server;
    private final String apiKey;
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private volatile boolean servicesFailing;

    public FakeChatwoot(String apiKey) throws IOException {
        this.apiKey = apiKey;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/health", exchange -> reply(exchange, 200, "{\"status\":\"woot\"}"));
        server.createContext("/api", this::api);
        server.start();
    }

    public static boolean specAvailable() {
        return Files.isRegularFile(SPEC);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void servicesFailing(boolean failing) {
        servicesFailing = failing;
    }

    /** Requests that do not match Chatwoot's OpenAPI document (empty when the document is absent). */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    public List<String> paths() {
        return List.copyOf(paths);
    }

    private void api(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        paths.add(path);
        if (path.equals("/api")) {
            reply(exchange, 200, "{\"version\":\"4.15.1\",\"timestamp\":\"2026-07-20 10:00:00\",\"queue_services\":\""
                    + (servicesFailing ? "failing" : "ok") + "\",\"data_services\":\"ok\"}");
            return;
        }
        validate(exchange);
        if (!apiKey.equals(exchange.getRequestHeaders().getFirst("api_access_token"))) {
            reply(exchange, 401, "{\"error\":\"Invalid Access Token\"}");
            return;
        }
        if (path.matches("/api/v1/accounts/\\d+/inboxes")) {
            reply(exchange, 200, "{\"payload\":[{\"id\":7,\"name\":\"Website\",\"channel_type\":\"Channel::WebWidget\"}]}");
        } else {
            reply(exchange, 404, "{\"error\":\"Resource could not be found\"}");
        }
    }

    private void validate(HttpExchange exchange) {
        if (!specAvailable()) {
            return;
        }
        SimpleRequest.Builder request = new SimpleRequest.Builder(Request.Method.valueOf(exchange.getRequestMethod()),
                exchange.getRequestURI().getPath());
        exchange.getRequestHeaders().forEach((name, values) -> request.withHeader(name, values));
        ValidationReport report = validator().validateRequest(request.build());
        report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .forEach(m -> violations.add(exchange.getRequestURI() + ": " + m.getMessage()));
    }

    private static OpenApiInteractionValidator validator() {
        if (validator == null) {
            validator = OpenApiInteractionValidator.createForSpecificationUrl(SPEC.toUri().toString()).build();
        }
        return validator;
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
