package dev.switchboard.web;

import java.sql.Timestamp;
import java.time.Clock;
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
