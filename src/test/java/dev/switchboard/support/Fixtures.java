package dev.switchboard.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhook bodies with the headers Chatwoot would send: the project's own set (in the jar, used by
 * {@code simulate} too) and, where CI has it, the shared Chatwoot research set.
 */
public final class Fixtures {

    public static final Path SHARED = Path.of("..", "shared", "chatwoot", "fixtures");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Fixtures() {
    }

    public record Fixture(String file, byte[] body, Map<String, String> headers, boolean signed) {
        public long timestamp() {
            return Long.parseLong(headers.get("X-Chatwoot-Timestamp"));
        }

        @Override
        public String toString() {
            return file;
        }
    }

    public record Vectors(String secret, List<Fixture> fixtures) {
        public Fixture named(String prefix) {
            return fixtures.stream().filter(f -> f.file().startsWith(prefix)).findFirst().orElseThrow();
        }
    }

    public static Vectors project() {
        return read(resource("/fixtures/signatures.json"), file -> resource("/fixtures/chatwoot/" + file));
    }

    public static Vectors shared() {
        return read(file(SHARED.resolve("signatures.json")), file -> file(SHARED.resolve(file)));
    }

    public static boolean sharedAvailable() {
        return Files.isRegularFile(SHARED.resolve("signatures.json"));
    }

    private static Vectors read(byte[] signatures, java.util.function.Function<String, byte[]> bodies) {
        JsonNode root = JSON.readTree(signatures);
        List<Fixture> fixtures = new ArrayList<>();
        for (JsonNode delivery : root.path("deliveries")) {
            String file = delivery.path("file").asString();
            Map<String, String> headers = JSON.convertValue(delivery.path("headers"),
                    JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));
            fixtures.add(new Fixture(file, bodies.apply(file), headers, delivery.path("signed").asBoolean()));
        }
        return new Vectors(root.path("secret").asString(), fixtures);
    }

    /** The {@code event} a body names. */
    public static String eventType(byte[] body) {
        return JSON.readTree(body).path("event").asString();
    }

    private static byte[] resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] file(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
