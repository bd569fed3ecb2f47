package dev.switchboard.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * The packaged jar running as its own process, as an operator runs it: for what only a real process
 * shows (a {@code kill -9}, a restart, what is printed on standard output).
 */
public final class SwitchboardProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "switchboard.jar");

    private final Process process;
    private final Path output;
    private final int port;

    private SwitchboardProcess(Process process, Path output, int port) {
        this.process = process;
        this.output = output;
        this.port = port;
    }

    public static SwitchboardProcess start(Path workDir, int port, Map<String, String> env, String... args) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run through 'mvn verify', which packages it first");
        }
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx256m", "-jar", JAR.toAbsolutePath().toString(), "serve",
                "--server.port=" + port, "--logging.level.io.zonky=warn"));
        command.addAll(List.of(args));
        Path output = Files.createTempFile(workDir, "switchboard-", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(env);
        return new SwitchboardProcess(builder.start(), output, port);
    }

    /** The JDK running this test: the build's toolchain, 21 or newer, even where the default java is 17. */
    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public SwitchboardProcess awaitReady(Duration timeout) {
        HttpClient client = HttpClient.newHttpClient();
        await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("Switchboard exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                return client.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return this;
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: no shutdown hook runs, the embedded postmaster is left behind. */
    public void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
