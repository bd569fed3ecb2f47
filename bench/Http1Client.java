import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One HTTP/1.1 keep-alive connection over a plain socket, for the benchmarks: the JDK HttpClient costs
 * too much CPU on a 2-core machine that also runs the server and PostgreSQL. Posts unique, freshly
 * signed ~1.5 KB message_created webhooks.
 */
final class Http1Client implements AutoCloseable {

    /** Message ids start from the wall clock in ms × 1000, so runs seconds apart never reuse one (no dedupe). */
    static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis() * 1000);
    static final String PADDING = "x".repeat(1000);

    private final int port;
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private final Mac mac;
    private final byte[] request = new byte[4096];

    Http1Client(int port) throws Exception {
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
        return webhook(secret, SEQUENCE.incrementAndGet());
    }

    int webhook(String secret, long id) throws Exception {
        return webhook(secret, id, body(id));
    }

    /** That body, signed, delivered as {@code bench-<id>}. */
    int webhook(String secret, long id, byte[] body) throws Exception {
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

    int liveness() throws IOException {
        out.write("GET /actuator/health/liveness HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return readResponse();
    }

    /**
     * Hands out {@code total} due times, {@code rate} per second from {@code start} (System.nanoTime),
     * each at its moment: the open-loop schedule latency is measured from.
     */
    static void pace(long start, int rate, int total, java.util.function.LongConsumer due) {
        long interval = 1_000_000_000L / rate;
        for (int i = 0; i < total; i++) {
            long at = start + i * interval;
            long wait;
            while ((wait = at - System.nanoTime()) > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            due.accept(at);
        }
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

    /** A message_created body whose message id is {@code id}: the receiver reads it back from the body. */
    static byte[] body(long id) {
        return ("{\"account\":{\"id\":1,\"name\":\"Bench\"},\"additional_attributes\":{},\"content_attributes\":{},"
                + "\"content_type\":\"text\",\"content\":\"Benchmark message " + id + " " + PADDING + "\","
                + "\"conversation\":{\"id\":" + (id % 100_000) + ",\"inbox_id\":1,\"status\":\"open\",\"updated_at\":1781946845.318},"
                + "\"created_at\":\"2026-06-20T09:14:05.318Z\",\"id\":" + id + ",\"inbox\":{\"id\":1,\"name\":\"Bench\"},"
                + "\"message_type\":\"incoming\",\"private\":false,\"sender\":{\"id\":7,\"name\":\"Load\",\"type\":\"contact\"},"
                + "\"source_id\":null,\"event\":\"message_created\"}").getBytes(StandardCharsets.UTF_8);
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
