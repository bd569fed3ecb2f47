package dev.switchboard.account;

import java.io.PrintStream;

import dev.switchboard.web.Role;
import dev.switchboard.web.Secrets;
import dev.switchboard.web.Credentials;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On the very first start, creates the admin user and an admin API token and prints them once to
 * standard output, never through the logger: log lines are shipped and kept, and no later start can
 * show them again (only their hashes are stored). An advisory lock makes nodes that start together on
 * one empty database create them once.
 */
@Component
class FirstStartCredentials implements ApplicationRunner {

    static final String ADMIN_USERNAME = "admin";
    private static final long LOCK_KEY = 0x5B_F1_25_7AL;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Users users;
    private final ApiTokens tokens;

    FirstStartCredentials(JdbcClient jdbc, TransactionTemplate transactions, Users users, ApiTokens tokens) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.users = users;
        this.tokens = tokens;
    }

    @Override
    public void run(ApplicationArguments args) {
        Credentials created = transactions.execute(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(:key)").param("key", LOCK_KEY).query(Object.class).single();
            boolean anyUser = jdbc.sql("SELECT EXISTS (SELECT 1 FROM users)").query(Boolean.class).single();
            if (anyUser) {
                return null;
            }
            String password = Secrets.randomWord(20);
            users.create(ADMIN_USERNAME, password, Role.ADMIN, null);
            ApiTokens.IssuedToken token = tokens.issue("first-start admin token", Role.ADMIN, "first start");
            return new Credentials(password, token.token());
        });
        if (created != null) {
            PrintStream out = System.out;
            out.printf("""

                    ================================================================================
                     Switchboard first start: these credentials are shown once and never again.
                       admin login    user: %s   password: %s
                       admin API token  Authorization: Bearer %s
                     Store them in your password manager now.
                    ================================================================================

                    """, ADMIN_USERNAME, created.password(), created.token());
            out.flush();
        }
    }

    private record Credentials(String password, String token) {
        @Override
        public String toString() {
            return "Credentials[redacted]";
        }
    }
}
