package dev.switchboard.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.net.ssl.SSLException;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * One attempt: POSTs the event's body exactly as Chatwoot sent it, signed the Standard Webhooks way:
 * {@code webhook-id} (the delivery's id, the same on every attempt and replay), {@code webhook-timestamp},
 * and {@code webhook-signature: v1,<base64 HMAC-SHA256(key, id.timestamp.body)>}, one per secret while
 * keys rotate. Chatwoot's delivery id and the event name go along as headers. Blocking I/O on the
 * attempt's virtual thread, through a pool of keep-alive connections per destination.
 */
@Component
class WebhookSender implements DisposableBean {

    static final int EXCERPT_BYTES = 4096;
    private static final String USER_AGENT = "Switchboard/1 (+webhook delivery)";
    private static final Timeout CONNECT_TIMEOUT = Timeout.ofSeconds(5);

    private final PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnTotal(2048)
            .setMaxConnPerRoute(1024)
            .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(CONNECT_TIMEOUT).build())
            .build();
    private final CloseableHttpClient client = HttpClients.custom()
            .setConnectionManager(connections)
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .disableCookieManagement()
            .disableContentCompression()
            .disableAuthCaching()
            .setUserAgent(USER_AGENT)
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
        HttpPost post = new HttpPost(destination.url());
        post.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(destination.timeout())).build());
        post.setHeader("webhook-id", id);
        post.setHeader("webhook-timestamp", Long.toString(timestamp));
        post.setHeader("webhook-signature", StandardWebhooks.signature(destination.keys(), id, timestamp, delivery.body()));
        post.setHeader("X-Chatwoot-Event", delivery.eventType());
        if (delivery.chatwootDeliveryId() != null) {
            post.setHeader("X-Chatwoot-Delivery", delivery.chatwootDeliveryId());
        }
        post.setEntity(new ByteArrayEntity(delivery.body(), ContentType.APPLICATION_JSON));
        try {
            return client.execute(post, response -> {
                String excerpt = "";
                if (response.getEntity() != null) {
                    try (InputStream body = response.getEntity().getContent()) {
                        excerpt = text(body.readNBytes(EXCERPT_BYTES));
                    }
                }
                int status = response.getCode();
                Header retryAfter = response.getFirstHeader("Retry-After");
                return new AttemptResult(startedAt, elapsed(started), status, status / 100 + "xx", excerpt,
                        RetryAfter.parse(retryAfter == null ? null : retryAfter.getValue(), clock.instant()));
            });
        } catch (ConnectTimeoutException | ConnectException e) {
            return AttemptResult.failed(startedAt, elapsed(started), "connect", e.toString());
        } catch (SocketTimeoutException e) {
            return AttemptResult.failed(startedAt, elapsed(started), "timeout", e.toString());
        } catch (SSLException e) {
            return AttemptResult.failed(startedAt, elapsed(started), "tls", e.toString());
        } catch (IOException e) {
            return AttemptResult.failed(startedAt, elapsed(started), "io", e.toString());
        }
    }

    private static Duration elapsed(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** Response text for people to read: never a NUL, which PostgreSQL text refuses. */
    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8).replace('\u0000', ' ');
    }

    @Override
    public void destroy() throws IOException {
        client.close();
    }
}
