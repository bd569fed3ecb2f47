package dev.switchboard.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local stand-in for Chatwoot's API, enough for Switchboard's calls (its probes, messages, labels, priority,
 * assignments): it keeps the messages Switchboard posts, prints each call, and, as Chatwoot would, sends a
 * {@code message_created} webhook back for each message, so the conversation model and its SLA clocks see the reply.
 * Start Switchboard with {@code CHATWOOT_BASE_URL=http://localhost:P} and any {@code CHATWOOT_API_KEY}.
 */
final class StandInChatwoot implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CONVERSATION = Pattern.compile("/api/v1/accounts/(\\d+)/conversations/(\\d+)(/[a-z_]+)?");
    private static final String OUTGOING = "fixtures/chatwoot/02_message_created_outgoing_agent.json";

    private final HttpServer server;
    private final AtomicLong ids = new AtomicLong(900_000);
    private final Map<String, List<JsonNode>> messages = new ConcurrentHashMap<>();
    private final Map<String, List<String>> labels = new ConcurrentHashMap<>();
    private final Consumer<byte[]> webhooks;
    private final PrintStream out;

    /** @param webhooks posts a webhook body to Switchboard, signed as Chatwoot signs */
    StandInChatwoot(int port, Consumer<byte[]> webhooks, PrintStream out) throws IOException {
        this.webhooks = webhooks;
        this.out = out;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::answer);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        byte[] body = exchange.getRequestBody().readAllBytes();
        Matcher conversation = CONVERSATION.matcher(path);
        if (path.equals("/health")) {
            reply(exchange, "{\"status\":\"woot\"}");
        } else if (path.equals("/api")) {
            reply(exchange, "{\"version\":\"stand-in\",\"queue_services\":\"ok\",\"data_services\":\"ok\"}");
        } else if (conversation.matches()) {
            conversation(exchange, method, conversation.group(1), conversation.group(2),
                    conversation.group(3) == null ? "" : conversation.group(3), body);
        } else {
            out.printf("chatwoot  %s %s%n", method, path);
            reply(exchange, "{}");
        }
    }

    private void conversation(HttpExchange exchange, String method, String account, String id, String part, byte[] body) throws IOException {
        String key = account + "/" + id;
        boolean post = method.equals("POST");
        switch (part) {
            case "/messages" -> {
                if (!post) {
                    List<JsonNode> kept = messages.getOrDefault(key, List.of());
                    reply(exchange, JSON.writeValueAsString(Map.of("payload", kept.subList(Math.max(0, kept.size() - 20), kept.size()))));
                    return;
                }
                JsonNode asked = JSON.readTree(body);
                ObjectNode message = JSON.createObjectNode();
                message.put("id", ids.incrementAndGet());
                message.put("content", asked.path("content").asString(""));
                message.put("private", asked.path("private").asBoolean(false));
                message.put("message_type", 1);
                message.put("created_at", Instant.now().getEpochSecond());
                message.set("content_attributes", asked.path("content_attributes"));
                messages.computeIfAbsent(key, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(message);
                out.printf("chatwoot  %s in %s: %s%n", message.path("private").asBoolean() ? "private note" : "REPLY to the customer",
                        key, message.path("content").asString());
                reply(exchange, JSON.writeValueAsString(message));
                webhooks.accept(echo(Long.parseLong(account), Long.parseLong(id), message));
            }
            case "/labels" -> {
                if (post) {
                    List<String> now = new ArrayList<>();
                    JSON.readTree(body).path("labels").forEach(l -> now.add(l.asString()));
                    labels.put(key, now);
                    out.printf("chatwoot  labels of %s: %s%n", key, now);
                }
                reply(exchange, JSON.writeValueAsString(Map.of("payload", labels.getOrDefault(key, List.of()))));
            }
            case "" -> reply(exchange, JSON.writeValueAsString(Map.of("id", Long.parseLong(id), "status", "open")));
            default -> {
                out.printf("chatwoot  %s %s of %s: %s%n", method, part.substring(1), key, new String(body, StandardCharsets.UTF_8));
                reply(exchange, "{}");
            }
        }
    }

    /** The {@code message_created} webhook Chatwoot sends for a message posted through its API. */
    private static byte[] echo(long account, long conversation, JsonNode message) {
        try (InputStream in = StandInChatwoot.class.getClassLoader().getResourceAsStream(OUTGOING)) {
            ObjectNode event = (ObjectNode) JSON.readTree(in.readAllBytes());
            event.put("id", message.path("id").asLong());
            event.put("content", message.path("content").asString());
            event.put("private", message.path("private").asBoolean());
            event.put("created_at", Instant.ofEpochSecond(message.path("created_at").asLong()).toString());
            event.set("content_attributes", message.path("content_attributes"));
            ((ObjectNode) event.path("account")).put("id", account);
            ObjectNode about = (ObjectNode) event.path("conversation");
            about.put("id", conversation);
            about.set("messages", JSON.createArrayNode());
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new IllegalStateException("the built-in outgoing message fixture is missing", e);
        }
    }

    private static void reply(HttpExchange exchange, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
