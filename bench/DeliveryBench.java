import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivery benchmark, run by bench/delivery.sh against a running Switchboard whose agent is this
 * program's receiver (HTTP/1.1 keep-alive on plain sockets, answering at once).
 *
 *   java DeliveryBench SWITCHBOARD_PORT SECRET RECEIVER_PORT SECONDS POSTMASTER_PID PSQL...
 *
 * (a) drain: 20,000 deliveries enqueued by one INSERT of events, timed until the last arrives;
 * (b) end-to-end latency at 500 events/s, from when the webhook was due at the intake to its arrival,
 *     with statements (pg_stat_statements) and PostgreSQL CPU (/proc) per delivered event;
 * (c) the same with 20 % of first attempts answered 503: lost and duplicate deliveries counted.
 */
public class DeliveryBench {

    static final int DRAIN = 20_000;
    static final int RATE = 500;

    public static void main(String[] args) throws Exception {
        int switchboard = Integer.parseInt(args[0]);
        String secret = args[1];
        int receiverPort = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        long postmaster = Long.parseLong(args[4]);
        List<String> psql = List.of(args).subList(5, args.length);
        Receiver receiver = new Receiver(receiverPort);

        // warm-up: JIT and connection pools on both sides
        openLoop(switchboard, secret, receiver, RATE, 5);
        receiver.awaitAll(Duration.seconds(20));

        // The first drains run while the JIT still compiles the claim path (a node that has run for a while
        // has long compiled it); they are shown, not counted. DRAIN_ONLY=n runs n measured drains and
        // stops: a long enough drain to profile.
        drain(psql, receiver, "cold, JIT warming up");
        drain(psql, receiver, "JIT warming up");
        int drains = Integer.parseInt(System.getenv().getOrDefault("DRAIN_ONLY", "3"));
        List<Double> rates = new ArrayList<>();
        for (int round = 1; round <= drains; round++) {
            rates.add(drain(psql, receiver, "warm " + round + " of " + drains));
        }
        rates.sort(null);
        System.out.printf("(a) drain, median of %d warm runs: %,.0f deliveries/s%n", drains, rates.get(drains / 2));
        if (System.getenv("DRAIN_ONLY") != null) {
            System.exit(0);
        }

        receiver.reset();
        long statementsBefore = statements(psql);
        long cpuBefore = cpuTicks(postmaster);
        Sent sent = openLoop(switchboard, secret, receiver, RATE, seconds);
        receiver.awaitAll(Duration.seconds(30));
        long cpuAfter = cpuTicks(postmaster);
        long statementsAfter = statements(psql);
        long delivered = receiver.delivered().size();
        System.out.printf("(b) end to end at %d events/s for %d s: %s, acknowledged %d, delivered %d, lost %d%n",
                RATE, seconds, receiver.latencies(), sent.acknowledged().size(), delivered, lost(sent, receiver));
        System.out.printf("(d) per delivered event at %d/s: %.2f database statements (all statements on the database"
                        + " during (b), %d in all), %.3f ms PostgreSQL CPU%n", RATE,
                (statementsAfter - statementsBefore - 2) / (double) delivered, statementsAfter - statementsBefore - 2,
                (cpuAfter - cpuBefore) * 10.0 / delivered);

        receiver.reset();
        receiver.failFirstAttempts(0.20);
        Sent failing = openLoop(switchboard, secret, receiver, RATE, seconds);
        // a failed first attempt comes back after Svix's 5 s step, ±20 %
        receiver.awaitAll(Duration.seconds(60));
        System.out.printf("(c) 20 %% of first attempts answered 503, %d events/s for %d s: %s, acknowledged %d,"
                        + " answered 503 %d, lost %d, duplicates %d%n", RATE, seconds, receiver.latencies(),
                failing.acknowledged().size(), receiver.failed(), lost(failing, receiver), receiver.duplicates());
        System.exit(0);
    }

    /** (a): enqueues DRAIN deliveries with one INSERT of events and times them until the last arrives. */
    static double drain(List<String> psql, Receiver receiver, String label) throws Exception {
        receiver.reset();
        long base = Http1Client.SEQUENCE.addAndGet(10_000_000);
        long start = System.nanoTime();
        sql(psql, """
                INSERT INTO events (id, dedupe_key, event_type, account_id, signature, received_at, body)
                SELECT gen_random_uuid(), 'drain:' || (%d + i), 'message_created', 1, 'verified', now(),
                       convert_to('{"account":{"id":1},"content":"drain %s","created_at":"2026-06-20T09:14:05.318Z","id":'
                                  || (%d + i) || ',"event":"message_created"}', 'UTF8')
                FROM generate_series(1, %d) i
                """.formatted(base, "x".repeat(1400), base, DRAIN));
        long committed = System.nanoTime();
        receiver.awaitCount(DRAIN, Duration.seconds(300));
        double fromCommit = (receiver.lastArrival() - committed) / 1e9;
        System.out.printf("(a) drain of %,d queued deliveries (%s): %.2f s after the insert committed = %,.0f deliveries/s"
                + " (insert of the events took %.2f s)%n", DRAIN, label, fromCommit, DRAIN / fromCommit, (committed - start) / 1e9);
        return DRAIN / fromCommit;
    }

    record Duration(long nanos) {
        static Duration seconds(long s) {
            return new Duration(s * 1_000_000_000L);
        }
    }

    record Sent(Set<Long> acknowledged) {
    }

    static long lost(Sent sent, Receiver receiver) {
        return sent.acknowledged().stream().filter(id -> !receiver.delivered().containsKey(id)).count();
    }

    /** Posts webhooks at a fixed rate; each one's due time is what latency is measured from. */
    static Sent openLoop(int port, String secret, Receiver receiver, int rate, int seconds) throws Exception {
        int total = rate * seconds;
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        BlockingQueue<long[]> due = new ArrayBlockingQueue<>(total);
        List<Thread> workers = new ArrayList<>();
        for (int c = 0; c < 32; c++) {
            workers.add(Thread.ofVirtual().start(() -> {
                try (Http1Client client = new Http1Client(port)) {
                    long[] job;
                    while ((job = due.poll(2, TimeUnit.SECONDS)) != null) {
                        receiver.expect(job[0], job[1]);
                        if (client.webhook(secret, job[0]) == 200) {
                            acknowledged.add(job[0]);
                        }
                    }
                } catch (Exception e) {
                    System.err.println("load connection failed: " + e);
                }
            }));
        }
        long start = System.nanoTime() + 100_000_000L;
        Http1Client.pace(start, rate, total, at -> due.add(new long[] {Http1Client.SEQUENCE.incrementAndGet(), at}));
        for (Thread worker : workers) {
            worker.join();
        }
        receiver.expectAll(acknowledged);
        return new Sent(acknowledged);
    }

    static long statements(List<String> psql) throws Exception {
        return Long.parseLong(sql(psql, "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements").trim());
    }

    static String sql(List<String> psql, String statement) throws Exception {
        List<String> command = new ArrayList<>(psql);
        command.addAll(List.of("-Atq", "-v", "ON_ERROR_STOP=1", "-c", statement));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("psql failed: " + output);
        }
        return output;
    }

    /** CPU of the cluster: the postmaster with its exited children, plus every live backend (clock ticks). */
    static long cpuTicks(long postmaster) throws IOException {
        long ticks = 0;
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path p : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                String[] f;
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                } catch (IOException e) {
                    continue;
                }
                long pid = Long.parseLong(p.getFileName().toString());
                if (pid == postmaster) {
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
                } else if (Long.parseLong(f[1]) == postmaster) {
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                }
            }
        }
        return ticks;
    }

    /** The agent: records when each message arrives, answers 200 (or 503 to a share of first attempts). */
    static final class Receiver {
        private final Map<Long, Long> dueAt = new ConcurrentHashMap<>();
        private final Map<Long, Long> delivered = new ConcurrentHashMap<>();
        private final Set<String> seenWebhookIds = ConcurrentHashMap.newKeySet();
        private final AtomicLong duplicates = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final AtomicLong lastArrival = new AtomicLong();
        private volatile Set<Long> expected = Set.of();
        private volatile double failShare;

        Receiver(int port) throws IOException {
            ServerSocket server = new ServerSocket(port, 1024, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (true) {
                    try {
                        Socket socket = server.accept();
                        socket.setTcpNoDelay(true);
                        Thread.ofVirtual().start(() -> serve(socket));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        void reset() {
            dueAt.clear();
            delivered.clear();
            seenWebhookIds.clear();
            duplicates.set(0);
            failed.set(0);
            failShare = 0;
            expected = Set.of();
        }

        void failFirstAttempts(double share) {
            failShare = share;
        }

        void expect(long id, long at) {
            dueAt.put(id, at);
        }

        void expectAll(Set<Long> ids) {
            expected = ids;
        }

        Map<Long, Long> delivered() {
            return delivered;
        }

        long duplicates() {
            return duplicates.get();
        }

        long failed() {
            return failed.get();
        }

        long lastArrival() {
            return lastArrival.get();
        }

        void awaitCount(int n, Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.nanos();
            while (delivered.size() < n && System.nanoTime() < end) {
                Thread.sleep(5);
            }
        }

        void awaitAll(Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.nanos();
            while (!delivered.keySet().containsAll(expected) && System.nanoTime() < end) {
                Thread.sleep(20);
            }
        }

        String latencies() {
            long[] sorted = delivered.entrySet().stream().filter(e -> dueAt.containsKey(e.getKey()))
                    .mapToLong(e -> e.getValue() - dueAt.get(e.getKey())).sorted().toArray();
            if (sorted.length == 0) {
                return "no samples";
            }
            return String.format("p50 %.2f ms, p99 %.2f ms, max %.2f ms (n=%d)", sorted[sorted.length / 2] / 1e6,
                    sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6, sorted.length);
        }

        private void serve(Socket socket) {
            try (socket; InputStream in = new BufferedInputStream(socket.getInputStream(), 16384);
                 OutputStream out = socket.getOutputStream()) {
                while (true) {
                    String line = line(in);
                    if (line == null) {
                        return;
                    }
                    int length = 0;
                    String webhookId = null;
                    String header;
                    while (!(header = line(in)).isEmpty()) {
                        String lower = header.toLowerCase();
                        if (lower.startsWith("content-length:")) {
                            length = Integer.parseInt(header.substring(15).trim());
                        } else if (lower.startsWith("webhook-id:")) {
                            webhookId = header.substring(11).trim();
                        }
                    }
                    byte[] body = in.readNBytes(length);
                    long arrived = System.nanoTime();
                    boolean firstSight = webhookId != null && seenWebhookIds.add(webhookId);
                    boolean fail = firstSight && failShare > 0 && ThreadLocalRandom.current().nextDouble() < failShare;
                    if (fail) {
                        failed.incrementAndGet();
                        out.write("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    } else {
                        long id = messageId(body);
                        if (delivered.putIfAbsent(id, arrived) != null) {
                            duplicates.incrementAndGet();
                        }
                        lastArrival.accumulateAndGet(arrived, Math::max);
                        out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                }
            } catch (IOException e) {
                // the sender closed the connection
            }
        }

        /** The message id: the top-level "id", which follows "created_at" in these bodies. */
        private static long messageId(byte[] body) {
            String text = new String(body, StandardCharsets.UTF_8);
            int at = text.indexOf("\"id\":", text.indexOf("\"created_at\"")) + 5;
            int end = at;
            while (end < text.length() && Character.isDigit(text.charAt(end))) {
                end++;
            }
            return Long.parseLong(text.substring(at, end));
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder(64);
            int c;
            while ((c = in.read()) != '\n') {
                if (c == -1) {
                    return line.isEmpty() ? null : line.toString();
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }
    }
}
