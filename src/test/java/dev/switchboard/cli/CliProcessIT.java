package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, as a person runs it: asking for help or mistyping a command prints and exits; it
 * neither starts a server nor creates an embedded database in the current folder.
 */
class CliProcessIT {

    private static final Path JAR = Path.of("target", "switchboard.jar").toAbsolutePath();

    @TempDir
    Path folder;

    @Test
    void help_prints_the_usage_and_leaves_the_folder_empty() throws Exception {
        Result help = run("--help");
        Result typo = run("srve");

        assertThat(help.exit()).isZero();
        assertThat(help.output()).contains("usage: java -jar switchboard.jar");
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.output()).contains("Unknown command: srve");
        try (var files = Files.list(folder)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    private Result run(String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        assertThat(ended).as("the command ended by itself").isTrue();
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private record Result(int exit, String output) {
    }
}
