package dev.switchboard.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chatwoot's health and account API as Switchboard calls them, with conversations that keep their labels,
 * priority, status, assignment and messages the way Chatwoot does (a label POST replaces the list). Every
 * API request it receives, body included, is checked against Chatwoot's own OpenAPI document when
 * {@code ../shared} has it, so the fake cannot drift from the real API unnoticed. Failures can be queued
 * ({@link #failNext}) to answer the next calls with a status of the test's choosing.
 */
public final class FakeChatwoot implements AutoCloseable {

    public static final Path SPEC = Path.of("..", "shared", "chatwoot", "application_swagger.json");
    private static volatile OpenApiInteractionValidator validator;

    private final HttpServer server;
    private final String apiKey;
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<Long, Conversation> conversations = new ConcurrentHashMap<>();
    private final Queue<Integer> failures = new ConcurrentLinkedQueue<>();
    private final Map<Long, Map<String, Object>> contacts = new ConcurrentHashMap<>();
    private volatile boolean servicesFailing;
    private volatile boolean down;
    private volatile boolean stallNext;
    private final CountDownLatch[] holding = {new CountDownLatch(0)};

    public FakeChatwoot(String apiKey) throws IOException {
        this.apiKey = apiKey;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/health", exchange -> {
            if (down) {
                reply(exchange, 502, "{\"error\":\"bad gateway\"}");
            } else {
                reply(exchange, 200, "{\"status\":\"woot\"}");
            }
        });
        server.createContext("/api", this::api);
        // a stalled answer must not hold up the calls after it
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        if (specAvailable()) {
            // reading the document takes seconds: not on the first request, which would time out
            validator();
        }
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

    /** Chatwoot's web server answers 502 to everything (as behind a proxy whose upstream is gone). */
    public void down(boolean isDown) {
        down = isDown;
    }

    /** The next authenticated API calls are answered with these statuses, one each, before the fake works again. */
    public void failNext(int... statuses) {
        for (int status : statuses) {
            failures.add(status);
        }
    }

    /**
     * The next message POST is stored, as Chatwoot would, but its answer is held back until {@link #release} (or ten
     * seconds): the caller times out not knowing that the message exists.
     */
    public void storeNextMessageThenStall() {
        synchronized (holding) {
            holding[0] = new CountDownLatch(1);
        }
        stallNext = true;
    }

    public void release() {
        synchronized (holding) {
            holding[0].countDown();
        }
    }

    /** Forgets conversations, calls and queued failures; up and well again. Each test checks its own violations before this. */
    public void reset() {
        stallNext = false;
        release();
        conversations.clear();
        contacts.clear();
        calls.clear();
        failures.clear();
        paths.clear();
        violations.clear();
        down = false;
        servicesFailing = false;
    }

    /** A contact the fake knows, with its custom attributes. */
    public void contact(long id, Map<String, Object> customAttributes) {
        contacts.put(id, customAttributes);
    }

    /** A conversation the fake knows, made on first use with no labels, no priority and status open. */
    public Conversation conversation(long displayId) {
        return conversations.computeIfAbsent(displayId, id -> new Conversation());
    }

    /** Every authenticated API call, in order. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public record Call(String method, String path, String body, int status) {
    }

    /** One conversation's state in the fake Chatwoot. */
    public static final class Conversation {
        public final List<String> labels = new CopyOnWriteArrayList<>();
        public volatile String priority;
        public volatile String status = "open";
        public volatile Long assigneeId;
        public volatile Long teamId;
        public final List<String> notes = new CopyOnWriteArrayList<>();
        public final List<String> replies = new CopyOnWriteArrayList<>();
        /** Every message posted, as Chatwoot lists them (integer type, content attributes kept). */
        public final List<Map<String, Object>> messages = new CopyOnWriteArrayList<>();

        public Conversation labels(String... names) {
            labels.clear();
            labels.addAll(List.of(names));
            return this;
        }

        public Conversation priority(String value) {
            priority = value;
            return this;
        }
    }

    /** Requests that do not match Chatwoot's OpenAPI document (empty when the document is absent). */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    public List<String> paths() {
        return List.copyOf(paths);
    }

    private static final Pattern CONVERSATION = Pattern.compile("/api/v1/accounts/\\d+/conversations/(\\d+)(/[a-z_]+)?");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Records the authenticated call being answered on this thread, with its status. */
    private static final ThreadLocal<java.util.function.IntConsumer> ANSWERING = new ThreadLocal<>();
    private static final Pattern CONTACT = Pattern.compile("/api/v1/accounts/\\d+/contacts/(\\d+)");

    private void api(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        paths.add(path);
        if (down) {
            reply(exchange, 502, "{\"error\":\"bad gateway\"}");
            return;
        }
        if (path.equals("/api")) {
            reply(exchange, 200, "{\"version\":\"4.15.1\",\"timestamp\":\"2026-07-20 10:00:00\",\"queue_services\":\""
                    + (servicesFailing ? "failing" : "ok") + "\",\"data_services\":\"ok\"}");
            return;
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        validate(exchange, body);
        // recorded before the answer goes out: a caller that has its answer finds its call in calls()
        ANSWERING.set(call -> calls.add(new Call(exchange.getRequestMethod(), path, body, call)));
        try {
            answer(exchange, path, body);
        } catch (RuntimeException e) {
            violations.add("the fake failed on " + path + ": " + e);
            reply(exchange, 500, "{\"error\":\"fake failed\"}");
        } finally {
            ANSWERING.remove();
        }
    }

    private int answer(HttpExchange exchange, String path, String body) throws IOException {
        if (!apiKey.equals(exchange.getRequestHeaders().getFirst("api_access_token"))) {
            return reply(exchange, 401, "{\"error\":\"Invalid Access Token\"}");
        }
        Integer failure = failures.poll();
        if (failure != null) {
            return failure == 429 ? replyText(exchange, 429, "Retry later\n")
                    : reply(exchange, failure, "{\"error\":\"injected failure " + failure + "\"}");
        }
        if (path.matches("/api/v1/accounts/\\d+/inboxes")) {
            return reply(exchange, 200, "{\"payload\":[{\"id\":7,\"name\":\"Website\",\"channel_type\":\"Channel::WebWidget\"}]}");
        }
        Matcher contact = CONTACT.matcher(path);
        if (contact.matches()) {
            Map<String, Object> attributes = contacts.get(Long.parseLong(contact.group(1)));
            return attributes == null ? reply(exchange, 404, "{\"error\":\"Resource could not be found\"}")
                    : reply(exchange, 200, JSON.writeValueAsString(Map.of("payload", Map.of("id", Long.parseLong(contact.group(1)),
                    "custom_attributes", attributes))));
        }
        Matcher m = CONVERSATION.matcher(path);
        if (!m.matches()) {
            return reply(exchange, 404, "{\"error\":\"Resource could not be found\"}");
        }
        long id = Long.parseLong(m.group(1));
        String action = m.group(2) == null ? "" : m.group(2);
        boolean post = exchange.getRequestMethod().equals("POST");
        Conversation c = conversations.get(id);
        if (c == null) {
            return reply(exchange, 404, "{\"error\":\"Resource could not be found\"}");
        }
        JsonNode json = post && !body.isBlank() ? JSON.readTree(body) : JSON.createObjectNode();
        switch (action) {
            case "" -> {
                return reply(exchange, 200, JSON.writeValueAsString(Map.of("id", id, "status", c.status,
                        "priority", c.priority == null ? "" : c.priority, "labels", c.labels)).replace("\"priority\":\"\"", "\"priority\":null"));
            }
            case "/labels" -> {
                if (post) {
                    List<String> labels = new ArrayList<>();
                    json.path("labels").forEach(l -> labels.add(l.asString()));
                    c.labels.clear();
                    c.labels.addAll(labels);
                }
                return reply(exchange, 200, JSON.writeValueAsString(Map.of("payload", c.labels)));
            }
            case "/toggle_priority" -> {
                String priority = json.path("priority").asString("");
                c.priority = priority.isBlank() || priority.equals("none") ? null : priority;
                return reply(exchange, 200, "");
            }
            case "/toggle_status" -> {
                c.status = json.path("status").asString("open");
                return reply(exchange, 200, "{\"meta\":{},\"payload\":{\"success\":true,\"conversation_id\":" + id
                        + ",\"current_status\":\"" + c.status + "\",\"snoozed_until\":null}}");
            }
            case "/assignments" -> {
                if (json.has("assignee_id")) {
                    c.assigneeId = json.path("assignee_id").asLong();
                } else if (json.has("team_id")) {
                    c.teamId = json.path("team_id").asLong();
                }
                return reply(exchange, 200, "{\"id\":" + (json.has("assignee_id") ? c.assigneeId : c.teamId) + "}");
            }
            case "/messages" -> {
                if (post) {
                    String content = json.path("content").asString();
                    boolean privateNote = json.path("private").asBoolean(false);
                    Map<String, Object> message = new java.util.LinkedHashMap<>();
                    synchronized (c) {
                        (privateNote ? c.notes : c.replies).add(content);
                        message.put("id", 90000L + c.notes.size() + c.replies.size());
                    }
                    message.put("content", content);
                    message.put("message_type", 1);
                    message.put("private", privateNote);
                    message.put("content_attributes", json.path("content_attributes").isObject()
                            ? JSON.convertValue(json.path("content_attributes"), Map.class) : Map.of());
                    message.put("created_at", java.time.Instant.now().getEpochSecond());
                    c.messages.add(message);
                    if (stallNext) {
                        stallNext = false;
                        CountDownLatch latch;
                        synchronized (holding) {
                            latch = holding[0];
                        }
                        try {
                            latch.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return reply(exchange, 200, JSON.writeValueAsString(message));
                }
                List<Map<String, Object>> latest = c.messages.subList(Math.max(0, c.messages.size() - 20), c.messages.size());
                return reply(exchange, 200, JSON.writeValueAsString(Map.of("meta", Map.of(), "payload", latest)));
            }
            default -> {
                return reply(exchange, 404, "{\"error\":\"Resource could not be found\"}");
            }
        }
    }

    private void validate(HttpExchange exchange, String body) {
        if (!specAvailable()) {
            return;
        }
        SimpleRequest.Builder request = new SimpleRequest.Builder(Request.Method.valueOf(exchange.getRequestMethod()),
                exchange.getRequestURI().getPath());
        exchange.getRequestHeaders().forEach((name, values) -> request.withHeader(name, values));
        if (!body.isEmpty()) {
            request.withBody(body);
        }
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

    private static int reply(HttpExchange exchange, int status, String body) throws IOException {
        return send(exchange, status, "application/json", body);
    }

    /** Chatwoot's throttle answers in plain text, without Retry-After. */
    private static int replyText(HttpExchange exchange, int status, String body) throws IOException {
        return send(exchange, status, "text/plain", body);
    }

    private static int send(HttpExchange exchange, int status, String type, String body) throws IOException {
        java.util.function.IntConsumer record = ANSWERING.get();
        if (record != null) {
            record.accept(status);
            ANSWERING.remove();
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } else {
            exchange.close();
        }
        return status;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
