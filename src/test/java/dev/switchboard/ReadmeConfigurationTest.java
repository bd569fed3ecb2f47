package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's configuration table is generated from the configuration records' Javadoc (through the
 * configuration processor's metadata), so it cannot drift from the code. When this fails, paste the
 * table it prints (also written to {@code target/readme-configuration.md}) between the README's markers.
 */
class ReadmeConfigurationTest {

    private static final Pattern ENV = Pattern.compile("\\s*\\(env \\{@code (\\w+)}\\)");
    private static final Pattern CODE = Pattern.compile("\\{@code ([^}]*)}");
    private static final String START = "<!-- configuration:start -->";
    private static final String END = "<!-- configuration:end -->";

    @Test
    void readme_configuration_table_matches_the_configuration_records() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        assertThat(start).as("README has the configuration markers").isNotNegative();

        String expected = table();
        Files.writeString(Path.of("target", "readme-configuration.md"), expected + "\n");
        String actual = readme.substring(start + START.length(), end).strip();

        assertThat(actual).as("README configuration table; generated table:%n%s%n", expected).isEqualTo(expected);
    }

    static String table() throws IOException {
        JsonNode metadata;
        try (InputStream in = ReadmeConfigurationTest.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            metadata = JsonMapper.builder().build().readTree(in);
        }
        StringBuilder table = new StringBuilder("""
                | property | environment variable | default | meaning |
                |---|---|---|---|
                | `server.port` | `PORT` | `8080` | the HTTP port |
                """);
        for (JsonNode property : metadata.path("properties")) {
            String name = property.path("name").asString();
            String description = property.path("description").asString();
            Matcher env = ENV.matcher(description);
            String variable = env.find() ? env.group(1) : name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
            description = CODE.matcher(ENV.matcher(description).replaceAll("")).replaceAll("`$1`");
            String defaultValue = property.path("defaultValue").isMissingNode() ? "" : "`" + property.path("defaultValue").asString() + "`";
            table.append("| `").append(name).append("` | `").append(variable).append("` | ").append(defaultValue)
                    .append(" | ").append(description).append(" |\n");
        }
        return table.toString().strip();
    }
}
