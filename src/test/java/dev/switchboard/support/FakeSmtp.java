package dev.switchboard.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An SMTP server that answers what a test tells it to, for the replies a real server gives rarely:
 * {@code 451} (try later) or {@code 550} (never) to RCPT TO, or a slow acceptance of the message.
 * Accepted messages are kept whole.
 */
public final class FakeSmtp implements AutoCloseable {

    private final ServerSocket server;
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private volatile String recipientReply = "250 OK";
    private volatile Duration acceptDelay = Duration.ZERO;

    public FakeSmtp() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread.ofVirtual().start(() -> converse(socket));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The reply to every RCPT TO from now on, such as {@code "451 4.3.0 Try again later"}. */
    public void answerRecipients(String reply) {
        this.recipientReply = reply;
    }

    /** How long the server takes before accepting a message's content. */
    public void acceptAfter(Duration delay) {
        this.acceptDelay = delay;
    }

    public List<String> accepted() {
        return List.copyOf(accepted);
    }

    public void reset() {
        accepted.clear();
        recipientReply = "250 OK";
        acceptDelay = Duration.ZERO;
    }

    private void converse(Socket socket) {
        try (socket; var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
             OutputStream out = socket.getOutputStream()) {
            reply(out, "220 fake-smtp ready");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (command) {
                    case "EHLO", "HELO" -> reply(out, "250 fake-smtp");
                    case "MAIL" -> reply(out, "250 OK");
                    case "RCPT" -> reply(out, recipientReply);
                    case "DATA" -> {
                        reply(out, "354 go ahead");
                        StringBuilder message = new StringBuilder();
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            message.append(line).append('\n');
                        }
                        Thread.sleep(acceptDelay);
                        accepted.add(message.toString());
                        reply(out, "250 OK queued");
                    }
                    case "RSET", "NOOP" -> reply(out, "250 OK");
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
