package dev.switchboard.support;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Gives the test run a fresh database on the machine's PostgreSQL: once per JVM it drops and creates
 * {@code switchboard_test} (creating the role first if this machine has never seen it), so every run
 * starts empty, first start included. It only ever drops a database whose name ends in {@code _test}.
 */
public final class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String URL = System.getenv().getOrDefault("SWITCHBOARD_TEST_DATABASE_URL",
            "postgres://switchboard:switchboard@127.0.0.1:5432/switchboard_test");
    private static final String ADMIN_USER = System.getenv().getOrDefault("SWITCHBOARD_TEST_DATABASE_ADMIN", "postgres");
    private static final java.util.Set<String> RECREATED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Only the test profile's contexts use the test database; others (the CLI's settings alone) need none. */
    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (context.getEnvironment().matchesProfiles("test")) {
            recreateOnce();
        }
    }

    public static void recreateOnce() {
        recreateOnce(URI.create(URL).getPath().substring(1));
    }

    /** The URL of another database on the same server, for tests whose contexts must not share rows. */
    public static String url(String database) {
        URI uri = URI.create(URL);
        return uri.getScheme() + "://" + uri.getUserInfo() + "@" + uri.getHost() + ":" + uri.getPort() + "/" + database;
    }

    public static synchronized void recreateOnce(String database) {
        if (RECREATED.contains(database)) {
            return;
        }
        URI uri = URI.create(URL);
        String[] credentials = uri.getUserInfo().split(":", 2);
        if (!database.endsWith("_test")) {
            throw new IllegalStateException("Refusing to recreate " + database + ": test databases end in _test");
        }
        String adminUrl = "jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + "/postgres";
        try (Connection admin = DriverManager.getConnection(adminUrl, ADMIN_USER, "");
             Statement sql = admin.createStatement()) {
            sql.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + credentials[0] + "') THEN "
                    + "CREATE ROLE " + credentials[0] + " LOGIN PASSWORD '" + credentials[1] + "'; END IF; END $$");
            sql.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            sql.execute("CREATE DATABASE " + database + " OWNER " + credentials[0]);
        } catch (SQLException e) {
            throw new IllegalStateException("Tests need PostgreSQL at " + uri.getHost() + ":" + uri.getPort()
                    + " with a superuser '" + ADMIN_USER + "' that may connect without a password (as on this machine kind),"
                    + " or SWITCHBOARD_TEST_DATABASE_URL pointing at a database the tests may recreate: " + e.getMessage(), e);
        }
        RECREATED.add(database);
    }
}
