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
 * webhook it gets, so a person can watch retries and replay without an agent. With a proposer, it also answers each
 * customer message it accepted with a draft, and prints what people decided about its drafts.
 */
final class StandInAgent implements AutoCloseable {

    private final HttpServer server;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    /** @param proposer proposes drafts for the customer messages it accepts; null to propose none */
    StandInAgent(int port, double failShare, DraftProposer proposer, PrintStream out) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestURI().getPath().equals("/health")) {
                // Switchboard's agent probe (AGENT_HEALTH_URL, else /health on the agent's host): healthy, and no webhook
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
                return;
            }
            String event = exchange.getRequestHeaders().getFirst("X-Chatwoot-Event");
            boolean fail = ThreadLocalRandom.current().nextDouble() < failShare;
            int status = fail ? 503 : 200;
            received.incrementAndGet();
            if (fail) {
                failed.incrementAndGet();
            }
            out.printf("agent  %s  webhook-id %s  event %s  -> %d%n", exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("webhook-id"), event, status);
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            if (!fail && event != null && event.startsWith("draft.")) {
                out.println("agent  told: " + DraftNewsLine.of(body));
            } else if (!fail && proposer != null) {
                // after the answer, as an agent would: Switchboard's delivery is acknowledged at once, the reply comes later
                proposer.consider(event, body);
            }
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
