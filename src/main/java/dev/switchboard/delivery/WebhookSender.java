package dev.switchboard.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.Executors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLException;

import org.springframework.stereotype.Component;

/**
 * One attempt: POSTs the event's body exactly as Chatwoot sent it, signed the Standard Webhooks way:
 * {@code webhook-id} (the delivery's id, the same on every attempt and replay), {@code webhook-timestamp},
 * and {@code webhook-signature: v1,<base64 HMAC-SHA256(key, id.timestamp.body)>}, one per secret while
 * keys rotate. Chatwoot's delivery id and the event name go along as headers.
 */
@Component
class WebhookSender {

    static final int EXCERPT_BYTES = 4096;
    private static final String USER_AGENT = "Switchboard/1 (+webhook delivery)";

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    private final Clock clock;

    WebhookSender(Clock clock) {
        this.clock = clock;
    }

    AttemptResult send(Destination destination, ClaimedDelivery delivery) {
        Instant startedAt = clock.instant();
        long started = System.nanoTime();
        String id = delivery.id().toString();
        long timestamp = startedAt.getEpochSecond();
        HttpRequest.Builder request = HttpRequest.newBuilder(destination.url())
                .timeout(destination.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature(destination.keys(), id, timestamp, delivery.body()))
                .header("X-Chatwoot-Event", delivery.event())
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
        if (delivery.chatwootDeliveryId() != null) {
            request.header("X-Chatwoot-Delivery", delivery.chatwootDeliveryId());
        }
        try {
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String excerpt;
            try (InputStream body = response.body()) {
                excerpt = text(body.readNBytes(EXCERPT_BYTES));
            }
            int status = response.statusCode();
            return new AttemptResult(startedAt, elapsed(started), status, status / 100 + "xx", excerpt,
                    RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock.instant()));
        } catch (HttpConnectTimeoutException | ConnectException e) {
            return AttemptResult.failed(startedAt, elapsed(started), "connect", e.toString());
        } catch (HttpTimeoutException e) {
            return AttemptResult.failed(startedAt, elapsed(started), "timeout", e.toString());
        } catch (SSLException e) {
            return AttemptResult.failed(startedAt, elapsed(started), "tls", e.toString());
        } catch (IOException e) {
            return AttemptResult.failed(startedAt, elapsed(started), causedByConnect(e) ? "connect" : "io", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return AttemptResult.failed(startedAt, elapsed(started), "io", "interrupted");
        }
    }

    static String signature(List<byte[]> keys, String id, long timestamp, byte[] body) {
        StringJoiner signatures = new StringJoiner(" ");
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        for (byte[] key : keys) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                mac.update(prefix);
                signatures.add("v1," + Base64.getEncoder().encodeToString(mac.doFinal(body)));
            } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
            }
        }
        return signatures.toString();
    }

    private static boolean causedByConnect(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    private static Duration elapsed(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** Response text for people to read: never a NUL, which PostgreSQL text refuses. */
    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8).replace('\u0000', ' ');
    }
}
