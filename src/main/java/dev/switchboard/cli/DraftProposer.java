package dev.switchboard.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.switchboard.delivery.StandardWebhooks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the stand-in agent does with a customer's message: proposes a canned reply as a draft ({@code POST
 * /api/agent/drafts}), signed with the agent's draft secret or sent with an AGENT_BOT token, as a real agent would.
 * The reply depends on a word or two of the message, so the drafts have intents to judge and earn autonomy by.
 */
final class DraftProposer {

    static final String PATH = "/api/agent/drafts";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<Canned> CANNED = List.of(
            new Canned("refund", List.of("refund", "money back", "charged"), 0.86,
                    "Sorry about that. I have asked for a refund to your original payment method; it usually arrives within five working days.",
                    "Refund policy", "https://help.example.com/refunds"),
            new Canned("damaged", List.of("damaged", "broken", "photo"), 0.78,
                    "Sorry your order arrived damaged. We will send a replacement at no cost; no need to return the damaged one.",
                    "Damaged deliveries", "https://help.example.com/damaged"),
            new Canned("billing", List.of("invoice", "bill", "payment"), 0.81,
                    "Thanks for writing. I have checked your invoices and will correct the one that is wrong today.",
                    "Invoices", "https://help.example.com/invoices"));
    private static final Canned GENERAL = new Canned("general", List.of(), 0.55,
            "Thanks for your message. A colleague will look at this and write back shortly.", "Contact us",
            "https://help.example.com/contact");

    private final URI target;
    private final String secret;
    private final String token;
    private final HttpClient client;
    private final PrintStream out;

    /** @param secret the agent's draft secret ({@code whsec_…}); when null, {@code token} (an AGENT_BOT API token) is used */
    DraftProposer(URI switchboard, String secret, String token, PrintStream out) {
        if (secret == null && token == null) {
            throw new Options.UsageException("--propose needs the agent's draft secret (--draft-secret, or"
                    + " SWITCHBOARD_DRAFTS_AGENT_SECRET as the server reads it) or an AGENT_BOT token (--agent-token)");
        }
        if (secret != null && !StandardWebhooks.isValid(secret)) {
            throw new Options.UsageException("--draft-secret must be a Standard Webhooks secret: whsec_ followed by base64");
        }
        this.target = switchboard.resolve(PATH);
        this.secret = secret;
        this.token = token;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.out = out;
    }

    /** A customer's public message in a conversation gets a draft; any other event, nothing. */
    void consider(String eventType, byte[] body) {
        if (!"message_created".equals(eventType)) {
            return;
        }
        JsonNode event;
        try {
            event = JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return;
        }
        boolean fromCustomer = "incoming".equals(event.path("message_type").asString(""))
                && !event.path("private").asBoolean(false);
        long account = event.path("account").path("id").asLong(0);
        long conversation = event.path("conversation").path("id").asLong(0);
        if (!fromCustomer || account == 0 || conversation == 0) {
            return;
        }
        String message = event.path("id").asString("");
        Canned reply = canned(event.path("content").asString(""));
        String proposal = JSON.writeValueAsString(Map.of("idempotencyKey", "stand-in:" + account + ":" + message,
                "accountId", account, "conversationId", conversation, "text", reply.text(), "intent", reply.intent(),
                "confidence", reply.confidence(), "sources", List.of(Map.of("title", reply.source(), "url", reply.url())),
                "inReplyTo", message));
        out.printf("agent  proposes a %s draft for conversation %d/%d  -> %s%n", reply.intent(), account, conversation,
                post(proposal.getBytes(StandardCharsets.UTF_8)));
    }

    static Canned canned(String customerText) {
        String text = customerText.toLowerCase(Locale.ROOT);
        return CANNED.stream().filter(c -> c.words().stream().anyMatch(text::contains)).findFirst().orElse(GENERAL);
    }

    private String post(byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (secret != null) {
            String id = "msg_" + UUID.randomUUID();
            long at = Instant.now().getEpochSecond();
            request.header("webhook-id", id).header("webhook-timestamp", Long.toString(at))
                    .header("webhook-signature", StandardWebhooks.signature(List.of(StandardWebhooks.key(secret)), id, at, body));
        } else {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = response.body().isBlank() ? null : JSON.readTree(response.body());
            return response.statusCode() + (answer == null ? "" : answer.has("id")
                    ? " draft " + answer.path("id").asString() + " " + answer.path("status").asString()
                    : " " + answer.path("detail").asString(response.body()));
        } catch (IOException | RuntimeException e) {
            return "failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    record Canned(String intent, List<String> words, double confidence, String text, String source, String url) {
    }
}
