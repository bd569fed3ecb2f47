package dev.switchboard.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for the AI agent: answers 200, or 503 for a given share of attempts, and prints each
 * webhook it gets, so a person can watch retries and replay without an agent.
 */
final class StandInAgent implements AutoCloseable {

    private final HttpServer server;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    StandInAgent(int port, double failShare, PrintStream out) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            exchange.getRequestBody().transferTo(java.io.OutputStream.nullOutputStream());
            boolean fail = ThreadLocalRandom.current().nextDouble() < failShare;
            int status = fail ? 503 : 200;
            received.incrementAndGet();
            if (fail) {
                failed.incrementAndGet();
            }
            out.printf("agent  %s  webhook-id %s  event %s  -> %d%n", exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("webhook-id"), exchange.getRequestHeaders().getFirst("X-Chatwoot-Event"), status);
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    long received() {
        return received.get();
    }

    long failed() {
        return failed.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
