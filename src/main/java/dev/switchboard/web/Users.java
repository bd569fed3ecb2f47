package dev.switchboard.web;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

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
            INSERT INTO users (id, username, password_hash, role, email, created_at)
            VALUES (:id, :username, :hash, :role, :email, :now)
            ON CONFLICT (username) DO NOTHING
            """;
    private static final String FIND = """
            SELECT username, password_hash, role, disabled_at FROM users WHERE username = :username
            """;

    private static final String FIND_STAFF = """
            SELECT username, role, email FROM users WHERE username = :username AND disabled_at IS NULL
            """;

    private static final String VIEW_COLUMNS = "SELECT username, role, email, created_at, disabled_at FROM users";
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

    /** @param email may be null; @return false when the username is taken */
    public boolean create(String username, String rawPassword, Role role, String email) {
        return jdbc.sql(INSERT).param("id", UuidV7.next(clock)).param("username", username)
                .param("hash", passwords.encode(rawPassword)).param("role", role.name()).param("email", email)
                .param("now", Timestamp.from(clock.instant())).update() == 1;
    }

    public List<UserView> list() {
        return jdbc.sql(VIEW_COLUMNS + " ORDER BY username").query(Users::view).list();
    }

    Optional<UserView> view(String username) {
        return jdbc.sql(VIEW_COLUMNS + " WHERE username = :username").param("username", username).query(Users::view).optional();
    }

    private static UserView view(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new UserView(rs.getString("username"), Role.valueOf(rs.getString("role")), rs.getString("email"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("disabled_at") != null);
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
