import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Load for the SLA benchmark: {@code RATE} new conversations a second for {@code SECONDS}, each a signed
 * {@code message_created} webhook of a customer's first message written now, so each starts a first-response clock
 * due one target later. Conversation ids start from the wall clock, so runs never share one. Prints how many were
 * accepted.
 *
 *   java SlaLoad PORT SECRET RATE SECONDS
 * (bench/sla.sh compiles it with Http1Client.java into bench/target)
 */
public class SlaLoad {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String secret = args[1];
        int rate = Integer.parseInt(args[2]);
        int total = rate * Integer.parseInt(args[3]);
        long first = System.currentTimeMillis() % 1_000_000_000L * 10;
        int accepted = 0;
        try (Http1Client connection = new Http1Client(port)) {
            long[] sent = {0};
            int[] ok = {0};
            Http1Client.pace(System.nanoTime(), rate, total, due -> {
                long conversation = first + sent[0]++;
                try {
                    if (connection.webhook(secret, conversation, body(conversation)) == 200) {
                        ok[0]++;
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            accepted = ok[0];
        }
        System.out.println("conversations=" + total + " accepted=" + accepted);
    }

    static byte[] body(long conversation) {
        return ("{\"account\":{\"id\":1,\"name\":\"Bench\"},\"content_attributes\":{},\"content_type\":\"text\","
                + "\"content\":\"Where is my order? " + conversation + "\","
                + "\"conversation\":{\"id\":" + conversation + ",\"inbox_id\":1,\"status\":\"open\",\"updated_at\":"
                + System.currentTimeMillis() / 1000.0 + "},"
                + "\"created_at\":\"" + Instant.now() + "\",\"id\":" + conversation + ",\"inbox\":{\"id\":1,\"name\":\"Bench\"},"
                + "\"message_type\":\"incoming\",\"private\":false,\"sender\":{\"id\":7,\"name\":\"Load\",\"type\":\"contact\"},"
                + "\"event\":\"message_created\"}").getBytes(StandardCharsets.UTF_8);
    }
}
