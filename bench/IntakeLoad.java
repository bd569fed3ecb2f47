import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Load for the intake benchmark: HTTP/1.1 keep-alive over plain sockets (the JDK HttpClient costs too
 * much CPU on a 2-core machine that also runs the server and PostgreSQL), each webhook a unique,
 * freshly signed ~1.5 KB message_created body, so nothing is deduplicated.
 *
 *   java IntakeLoad.java rate      PORT SECRET RATE SECONDS [CONNECTIONS]   open loop, fixed rate
 *   java IntakeLoad.java saturate  PORT SECRET CONNECTIONS SECONDS          closed loop, as fast as it goes
 *   java IntakeLoad.java noop      PORT -      CONNECTIONS SECONDS          closed loop, POST /bench/noop, same body
 *   java IntakeLoad.java liveness  PORT -      CONNECTIONS SECONDS          closed loop, GET liveness
 *
 * Open-loop latency is measured from when a request was due, not when it was sent, so a stalled
 * server is not hidden (coordinated omission). Prints one line: mode, offered, achieved, p50, p99, max, errors.
 */
public class IntakeLoad {

    /** Message ids start from the wall clock in ms × 1000, so runs seconds apart never reuse one (no dedupe). */
    static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis() * 1000);
    static final String PADDING = "x".repeat(1000);

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int port = Integer.parseInt(args[1]);
        String secret = args[2];
        switch (mode) {
            case "rate" -> openLoop(port, secret, Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    args.length > 5 ? Integer.parseInt(args[5]) : 64);
            case "saturate", "noop", "liveness" -> closedLoop(mode, port, secret, Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            default -> throw new IllegalArgumentException(mode);
        }
    }

    static void openLoop(int port, String secret, int rate, int seconds, int connections) throws Exception {
        int total = rate * seconds;
        long[] latencies = new long[total];
        AtomicLong errors = new AtomicLong();
        AtomicLong lastDone = new AtomicLong();
        BlockingQueue<long[]> due = new ArrayBlockingQueue<>(total);
        List<Thread> workers = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            workers.add(Thread.ofVirtual().start(() -> {
                try (Connection connection = new Connection(port)) {
                    while (true) {
                        long[] job = due.poll(2, TimeUnit.SECONDS);
                        if (job == null) {
                            return;
                        }
                        int status = connection.webhook(secret);
                        long done = System.nanoTime();
                        latencies[(int) job[0]] = done - job[1];
                        lastDone.accumulateAndGet(done, Math::max);
                        if (status != 200) {
                            errors.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                }
            }));
        }
        long start = System.nanoTime() + 200_000_000L;
        long interval = 1_000_000_000L / rate;
        for (int i = 0; i < total; i++) {
            long at = start + i * interval;
            long wait;
            while ((wait = at - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            due.add(new long[] {i, at});
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double elapsed = (lastDone.get() - start) / 1e9;
        report("rate", rate, total / elapsed, latencies, errors.get());
    }

    static void closedLoop(String mode, int port, String secret, int connections, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<long[]> perThread = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            long[] samples = new long[2_000_000];
            perThread.add(samples);
            workers.add(Thread.ofVirtual().start(() -> {
                int n = 0;
                try (Connection connection = new Connection(port)) {
                    while (System.nanoTime() < end) {
                        long sent = System.nanoTime();
                        int status = switch (mode) {
                            case "noop" -> connection.noop();
                            case "liveness" -> connection.liveness();
                            default -> connection.webhook(secret);
                        };
                        samples[++n] = System.nanoTime() - sent;
                        if (status != 200) {
                            errors.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                }
                samples[0] = n;
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        int count = perThread.stream().mapToInt(s -> (int) s[0]).sum();
        long[] latencies = new long[count];
        int k = 0;
        for (long[] s : perThread) {
            System.arraycopy(s, 1, latencies, k, (int) s[0]);
            k += (int) s[0];
        }
        report(mode, 0, count / elapsed, latencies, errors.get());
    }

    static void report(String mode, int offered, double achieved, long[] latencies, long errors) {
        long[] sorted = Arrays.stream(latencies).filter(l -> l > 0).sorted().toArray();
        System.out.printf("%s offered=%d achieved=%.0f p50=%.2f p99=%.2f max=%.2f errors=%d completed=%d%n", mode, offered, achieved,
                ms(sorted, 0.50), ms(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, errors, sorted.length);
    }

    static double ms(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))] / 1e6;
    }

    /** One keep-alive connection; reads Content-Length and chunked responses. */
    static final class Connection implements AutoCloseable {
        private final int port;
        private Socket socket;
        private OutputStream out;
        private InputStream in;
        private final Mac mac;
        private final byte[] request = new byte[4096];

        Connection(int port) throws Exception {
            this.port = port;
            mac = Mac.getInstance("HmacSHA256");
            open();
        }

        /** Tomcat closes a keep-alive connection after 100 requests by default; open the next one. */
        private void open() throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 8192);
        }

        int webhook(String secret) throws Exception {
            long id = SEQUENCE.incrementAndGet();
            byte[] body = body(id);
            String timestamp = Long.toString(System.currentTimeMillis() / 1000);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
            return post("/api/webhooks/chatwoot", "X-Chatwoot-Delivery: bench-" + id + "\r\nX-Chatwoot-Timestamp: " + timestamp
                    + "\r\nX-Chatwoot-Signature: " + signature + "\r\n", body);
        }

        /** The same body, unsigned, to the bench profile's endpoint that does nothing with it. */
        int noop() throws Exception {
            return post("/bench/noop", "", body(SEQUENCE.incrementAndGet()));
        }

        private int post(String path, String extraHeaders, byte[] body) throws IOException {
            String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Accept: application/json\r\n" + extraHeaders + "Content-Length: " + body.length + "\r\n\r\n";
            byte[] h = head.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(h, 0, request, 0, h.length);
            System.arraycopy(body, 0, request, h.length, body.length);
            out.write(request, 0, h.length + body.length);
            out.flush();
            return readResponse();
        }

        private static byte[] body(long id) {
            return ("{\"account\":{\"id\":1,\"name\":\"Bench\"},\"additional_attributes\":{},\"content_attributes\":{},"
                    + "\"content_type\":\"text\",\"content\":\"Benchmark message " + id + " " + PADDING + "\","
                    + "\"conversation\":{\"id\":" + (id % 100_000) + ",\"inbox_id\":1,\"status\":\"open\",\"updated_at\":1781946845.318},"
                    + "\"created_at\":\"2026-06-20T09:14:05.318Z\",\"id\":" + id + ",\"inbox\":{\"id\":1,\"name\":\"Bench\"},"
                    + "\"message_type\":\"incoming\",\"private\":false,\"sender\":{\"id\":7,\"name\":\"Load\",\"type\":\"contact\"},"
                    + "\"source_id\":null,\"event\":\"message_created\"}").getBytes(StandardCharsets.UTF_8);
        }

        int liveness() throws IOException {
            out.write("GET /actuator/health/liveness HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return readResponse();
        }

        private int readResponse() throws IOException {
            String status = line();
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            String header;
            while (!(header = line()).isEmpty()) {
                String lower = header.toLowerCase();
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(header.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            if (chunked) {
                long size;
                while ((size = Long.parseLong(line().trim(), 16)) > 0) {
                    in.skipNBytes(size);
                    line();
                }
                line();
            } else if (length > 0) {
                in.skipNBytes(length);
            }
            if (close) {
                socket.close();
                open();
            }
            return code;
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            int c;
            while ((c = in.read()) != '\n') {
                if (c == -1) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
