package dev.switchboard.web;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.switchboard.database.UuidV7;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** The people who log in to Switchboard, with BCrypt-hashed passwords. */
@Service
public class Users implements UserDetailsService {

    private static final String INSERT = """
            INSERT INTO users (id, username, password_hash, role, created_at)
            VALUES (:id, :username, :hash, :role, :now)
            """;
    private static final String FIND = """
            SELECT username, password_hash, role, disabled_at FROM users WHERE username = :username
            """;

    private static final String FIND_STAFF = """
            SELECT username, role, email FROM users WHERE username = :username AND disabled_at IS NULL
            """;

    private static final String LIST = """
            SELECT username, role, email, created_at, disabled_at FROM users ORDER BY username
            """;
    private static final String EXISTS = "SELECT EXISTS (SELECT 1 FROM users WHERE username = :username)";
    private static final String UPDATE = """
            UPDATE users SET role = :role, email = :email,
                   disabled_at = CASE WHEN :disabled THEN coalesce(disabled_at, :now) END
            WHERE username = :username
            """;

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final Clock clock;

    Users(JdbcClient jdbc, PasswordEncoder passwords, Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.clock = clock;
    }

    public UUID create(String username, String rawPassword, Role role) {
        UUID id = UuidV7.next(clock);
        jdbc.sql(INSERT).param("id", id).param("username", username).param("hash", passwords.encode(rawPassword))
                .param("role", role.name()).param("now", Timestamp.from(clock.instant())).update();
        return id;
    }

    public List<UserView> list() {
        return jdbc.sql(LIST).query((rs, n) -> new UserView(rs.getString("username"), Role.valueOf(rs.getString("role")),
                rs.getString("email"), rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("disabled_at") != null)).list();
    }

    boolean exists(String username) {
        return jdbc.sql(EXISTS).param("username", username).query(Boolean.class).single();
    }

    /** @return false when there is no such user */
    boolean update(String username, Role role, String email, boolean disabled) {
        return jdbc.sql(UPDATE).param("username", username).param("role", role.name()).param("email", email)
                .param("disabled", disabled).param("now", Timestamp.from(clock.instant())).update() == 1;
    }

    /** A user as the admin API shows one: never the password hash. */
    public record UserView(String username, Role role, String email, java.time.Instant createdAt, boolean disabled) {
    }

    /** An active user, as other features see one (no password hash). */
    public Optional<StaffMember> find(String username) {
        return jdbc.sql(FIND_STAFF).param("username", username)
                .query((rs, n) -> new StaffMember(rs.getString("username"), Role.valueOf(rs.getString("role")), rs.getString("email")))
                .optional();
    }

    /** @param email where they are told of what concerns them; may be null */
    public record StaffMember(String username, Role role, String email) {
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return jdbc.sql(FIND).param("username", username)
                .query((rs, n) -> User.withUsername(rs.getString("username"))
                        .password(rs.getString("password_hash"))
                        .authorities(Role.valueOf(rs.getString("role")).authorities())
                        .disabled(rs.getTimestamp("disabled_at") != null)
                        .build())
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }
}
