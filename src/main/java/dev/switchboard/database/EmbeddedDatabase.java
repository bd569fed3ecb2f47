package dev.switchboard.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL that runs when no database URL is configured. Its data lives in a folder
 * that survives restarts, with the durability settings of a real server: an acknowledged webhook
 * must survive a power cut, so fsync and synchronous commit are on, and checked after start.
 */
final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final Duration ORPHAN_SHUTDOWN_WAIT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedDatabase start(DatabaseProperties.Embedded settings) throws IOException {
        Path dataDir = settings.dataDir().toAbsolutePath().normalize();
        Files.createDirectories(dataDir);
        stopOrphanedPostmaster(dataDir);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(settings.port())
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "100")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        EmbeddedDatabase database = new EmbeddedDatabase(postgres);
        database.checkDurability();
        log.info("Embedded PostgreSQL started on port {} with its data in {}", postgres.getPort(), dataDir);
        return database;
    }

    DataSource adminDataSource() {
        return postgres.getPostgresDatabase();
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    private void checkDurability() {
        try (Connection connection = adminDataSource().getConnection();
             Statement statement = connection.createStatement()) {
            for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                try (ResultSet rs = statement.executeQuery("SHOW " + setting)) {
                    rs.next();
                    if (!"on".equals(rs.getString(1))) {
                        throw new IllegalStateException("Embedded PostgreSQL runs with " + setting + "=" + rs.getString(1)
                                + "; Switchboard refuses to acknowledge webhooks it could lose");
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Embedded PostgreSQL did not answer after start", e);
        }
    }

    /**
     * A {@code kill -9} of the JVM leaves the postmaster running and holding the data folder
     * ("lock file postmaster.pid already exists"). Its data is safe (fsync is on), so shut it down
     * quickly and start a fresh one.
     */
    static void stopOrphanedPostmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> postmaster = readPid(pidFile).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(EmbeddedDatabase::isPostgres);
        if (postmaster.isEmpty()) {
            return;
        }
        ProcessHandle process = postmaster.get();
        log.warn("An earlier embedded PostgreSQL (pid {}) still holds {}; stopping it", process.pid(), dataDir);
        signalFastShutdown(process);
        try {
            process.onExit().get(ORPHAN_SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.warn("Embedded PostgreSQL (pid {}) did not stop in {}; killing it", process.pid(), ORPHAN_SHUTDOWN_WAIT);
            process.destroyForcibly();
            process.onExit().join();
        }
    }

    private static Optional<Long> readPid(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(lines.getFirst().trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(c -> c.endsWith("postgres") || c.endsWith("postmaster")).orElse(true);
    }

    /** SIGINT is PostgreSQL's fast shutdown; Java's destroy() would send SIGTERM, a smart shutdown that waits. */
    private static void signalFastShutdown(ProcessHandle process) throws IOException {
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping the orphaned postmaster", e);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
