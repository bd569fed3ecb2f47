package dev.switchboard.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpServer;

/** The AI agent as Switchboard sees it: an HTTP endpoint that answers what the test tells it to. */
public final class FakeAgent implements AutoCloseable {

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<Received, Answer> answer = r -> Answer.status(200);

    public FakeAgent() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/webhook", exchange -> {
            Received request = new Received(Map.copyOf(exchange.getRequestHeaders()), exchange.getRequestBody().readAllBytes());
            received.add(request);
            Answer reply = answer.apply(request);
            if (reply.delay() != null) {
                try {
                    Thread.sleep(reply.delay());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhook");
    }

    public void answer(Function<Received, Answer> answer) {
        this.answer = answer;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public void reset() {
        received.clear();
        answer = r -> Answer.status(200);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    public record Received(Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    public record Answer(int status, Map<String, String> headers, String body, Duration delay) {
        public static Answer status(int status) {
            return new Answer(status, Map.of(), "", null);
        }

        public Answer withHeader(String name, String value) {
            var headers = new java.util.HashMap<>(this.headers);
            headers.put(name, value);
            return new Answer(status, Map.copyOf(headers), body, delay);
        }

        public Answer withBody(String body) {
            return new Answer(status, headers, body, delay);
        }

        public Answer after(Duration delay) {
            return new Answer(status, headers, body, delay);
        }
    }
}
