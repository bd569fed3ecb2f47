package dev.switchboard.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.switchboard.support.HttpTestClient;
import dev.switchboard.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Chatwoot re-sends; the intake stores each event once and still answers every copy 200. */
@IntegrationTest
class WebhookDedupeTest extends IntakeTestSupport {

    private static final String SECRET = "sw1tchb0ardTestSecret24c";

    @Autowired
    MeterRegistry meters;

    @Test
    void same_delivery_id_twice_is_stored_once_and_both_answered_200() {
        var fixture = PROJECT.named("01_");
        double duplicatesBefore = meters.get("switchboard.events.duplicate").counter().count();

        var first = post(fixture);
        var second = post(fixture);

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().path("duplicate").asBoolean()).isTrue();
        assertThat(storedEvents()).isEqualTo(1);
        assertThat(meters.get("switchboard.events.duplicate").counter().count()).isEqualTo(duplicatesBefore + 1);
    }

    @Test
    void same_message_resent_with_a_new_delivery_id_is_stored_once() {
        byte[] body = message("message_created", 501, "Where is my parcel?", 1781949000.25);

        var first = http.postWebhook(body, signedHeaders(body, SECRET, UUID.randomUUID().toString()));
        // Chatwoot's EventDispatcherJob retry rebuilds the payload: other conversation state, same message
        byte[] rebuilt = message("message_created", 501, "Where is my parcel?", 1781949007.75);
        var second = http.postWebhook(rebuilt, signedHeaders(rebuilt, SECRET, UUID.randomUUID().toString()));

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().path("duplicate").asBoolean()).isTrue();
        assertThat(storedEvents()).isEqualTo(1);
    }

    @Test
    void each_real_edit_of_a_message_is_its_own_event() {
        byte[] edited = message("message_updated", 502, "Where is my parcel??", 1781949100.0);
        byte[] deleted = message("message_updated", 502, "This message was deleted", 1781949200.0);

        http.postWebhook(edited, signedHeaders(edited, SECRET, UUID.randomUUID().toString()));
        http.postWebhook(deleted, signedHeaders(deleted, SECRET, UUID.randomUUID().toString()));
        http.postWebhook(deleted, signedHeaders(deleted, SECRET, UUID.randomUUID().toString()));

        assertThat(storedEvents()).isEqualTo(2);
    }

    @Test
    void same_conversation_version_resent_is_stored_once_and_a_new_version_is_kept() {
        byte[] v1 = conversation("conversation_updated", 77, 1781950000.123456);
        byte[] v2 = conversation("conversation_updated", 77, 1781950001.5);
        byte[] sameSaveOtherEvent = conversation("conversation_status_changed", 77, 1781950001.5);

        http.postWebhook(v1, signedHeaders(v1, SECRET, UUID.randomUUID().toString()));
        http.postWebhook(v1, signedHeaders(v1, SECRET, UUID.randomUUID().toString()));
        http.postWebhook(v2, signedHeaders(v2, SECRET, UUID.randomUUID().toString()));
        http.postWebhook(sameSaveOtherEvent, signedHeaders(sameSaveOtherEvent, SECRET, UUID.randomUUID().toString()));

        assertThat(storedEvents()).isEqualTo(3);
    }

    @Test
    void the_same_display_id_in_two_accounts_is_two_conversations() {
        byte[] accountOne = conversation("conversation_created", 5, 1781950000.0);
        byte[] accountTwo = new String(accountOne, StandardCharsets.UTF_8).replace("\"id\":9}", "\"id\":10}")
                .getBytes(StandardCharsets.UTF_8);

        http.postWebhook(accountOne, signedHeaders(accountOne, SECRET, null));
        http.postWebhook(accountTwo, signedHeaders(accountTwo, SECRET, null));

        assertThat(storedEvents()).isEqualTo(2);
    }

    @Test
    void unknown_event_resent_with_identical_body_is_stored_once() {
        byte[] body = "{\"event\":\"contact_created\",\"id\":12,\"account\":{\"id\":9}}".getBytes(StandardCharsets.UTF_8);

        http.postWebhook(body, signedHeaders(body, SECRET, UUID.randomUUID().toString()));
        http.postWebhook(body, signedHeaders(body, SECRET, UUID.randomUUID().toString()));

        assertThat(storedEvents()).isEqualTo(1);
    }

    @Test
    void concurrent_posts_of_the_same_event_store_it_once() throws Exception {
        byte[] body = message("message_created", 777, "Two nodes, one message", 1781951000.0);
        int copies = 8;
        CyclicBarrier start = new CyclicBarrier(copies);
        List<Future<HttpTestClient.Response>> responses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(copies)) {
            for (int i = 0; i < copies; i++) {
                var headers = signedHeaders(body, SECRET, UUID.randomUUID().toString());
                responses.add(pool.submit(() -> {
                    start.await();
                    return http.postWebhook(body, headers);
                }));
            }
            int stored = 0;
            for (var response : responses) {
                assertThat(response.get().status()).isEqualTo(200);
                stored += response.get().json().path("duplicate").asBoolean() ? 0 : 1;
            }
            assertThat(stored).isEqualTo(1);
        }
        assertThat(storedEvents()).isEqualTo(1);
    }

    private static byte[] message(String event, long messageId, String content, double conversationUpdatedAt) {
        return ("{\"account\":{\"id\":9},\"content\":\"" + content + "\",\"content_attributes\":{},"
                + "\"conversation\":{\"id\":41,\"updated_at\":" + conversationUpdatedAt + "},\"id\":" + messageId
                + ",\"message_type\":\"incoming\",\"private\":false,\"event\":\"" + event + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] conversation(String event, long displayId, double updatedAt) {
        return ("{\"id\":" + displayId + ",\"status\":\"open\",\"updated_at\":" + updatedAt
                + ",\"event\":\"" + event + "\",\"account\":{\"id\":9}}").getBytes(StandardCharsets.UTF_8);
    }
}
