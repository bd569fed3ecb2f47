package dev.switchboard.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.switchboard.refusal.Conflict;
import dev.switchboard.refusal.Invalid;
import dev.switchboard.refusal.NotFound;
import dev.switchboard.database.UuidV7;
import dev.switchboard.web.Credentials;
import dev.switchboard.web.Role;
import dev.switchboard.web.SignedInUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * The people who log in to Switchboard, with BCrypt-hashed passwords. A password change raises the
 * user's credentials version, which ends every session that logged in with an older one.
 */
@Service
public class Users implements UserDetailsService {

    private static final String INSERT = """
            INSERT INTO users (id, username, password_hash, role, email, display_name, created_at)
            VALUES (:id, :username, :hash, :role, :email, :displayName, :now)
            ON CONFLICT (username) DO NOTHING
            """;
    private static final String FIND = """
            SELECT username, password_hash, role, disabled_at, credentials_version FROM users WHERE username = :username
            """;
    private static final String STANDING = """
            SELECT role, disabled_at IS NOT NULL AS disabled, credentials_version FROM users WHERE username = :username
            """;
    private static final String FIND_STAFF = """
            SELECT username, role, email, display_name FROM users WHERE username = :username AND disabled_at IS NULL
            """;
    private static final String DISPLAY_NAMES = """
            SELECT username, display_name FROM users WHERE username = ANY(:usernames) AND display_name IS NOT NULL
            """;
    private static final String VIEW_COLUMNS = "SELECT username, role, email, display_name, created_at, disabled_at FROM users";
    private static final String UPDATE = """
            UPDATE users SET role = :role, email = :email, display_name = :displayName,
                   disabled_at = CASE WHEN :disabled THEN coalesce(disabled_at, :now) END
            WHERE username = :username
            """;
    private static final String SET_PASSWORD = """
            UPDATE users SET password_hash = :hash, credentials_version = credentials_version + 1
            WHERE username = :username
            RETURNING credentials_version
            """;
    private static final String SET_DISPLAY_NAME = "UPDATE users SET display_name = :displayName WHERE username = :username";

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
        return create(username, rawPassword, role, email, null);
    }

    /** @param email may be null; @param displayName may be null; @return false when the username is taken */
    boolean create(String username, String rawPassword, Role role, String email, String displayName) {
        forAPerson(role);
        return jdbc.sql(INSERT).param("id", UuidV7.next(clock)).param("username", username)
                .param("hash", passwords.encode(rawPassword)).param("role", role.name()).param("email", email)
                .param("displayName", displayName).param("now", Timestamp.from(clock.instant())).update() == 1;
    }

    public List<UserView> list() {
        return jdbc.sql(VIEW_COLUMNS + " ORDER BY username").query(Users::view).list();
    }

    Optional<UserView> view(String username) {
        return jdbc.sql(VIEW_COLUMNS + " WHERE username = :username").param("username", username).query(Users::view).optional();
    }

    private static void forAPerson(Role role) {
        if (!Role.forPeople().contains(role)) {
            throw Invalid.field("role", "must be VIEWER, AGENT or ADMIN: " + role + " is for API tokens only");
        }
    }

    private static UserView view(ResultSet rs, int n) throws SQLException {
        return new UserView(rs.getString("username"), Role.valueOf(rs.getString("role")), rs.getString("email"),
                rs.getString("display_name"), rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("disabled_at") != null);
    }

    /**
     * Changes what an admin may change. Nobody takes away their own admin role or disables themselves, so
     * nobody locks the last door by accident; the API and the page refuse alike.
     *
     * @param by who asks: a username, or {@code token:<name>} for an API token
     */
    void update(String username, Role role, String email, String displayName, boolean disabled, String by) {
        forAPerson(role);
        if (username.equals(by) && (role != Role.ADMIN || disabled)) {
            throw new Conflict("own-admin-role", "You cannot take away your own admin role or disable yourself; ask another admin.");
        }
        if (jdbc.sql(UPDATE).param("username", username).param("role", role.name()).param("email", email)
                .param("displayName", displayName).param("disabled", disabled)
                .param("now", Timestamp.from(clock.instant())).update() == 0) {
            throw noSuchUser(username);
        }
    }

    /** The name customers see on this person's replies; null: the team's name. */
    void setDisplayName(String username, String displayName) {
        jdbc.sql(SET_DISPLAY_NAME).param("username", username).param("displayName", displayName).update();
    }

    /**
     * Sets a new password and ends every session that logged in with the old one.
     *
     * @return the new credentials version, for the one session that may carry on
     */
    int setPassword(String username, String rawPassword) {
        return jdbc.sql(SET_PASSWORD).param("username", username).param("hash", passwords.encode(rawPassword))
                .query(Integer.class).optional().orElseThrow(() -> noSuchUser(username));
    }

    private static NotFound noSuchUser(String username) {
        return new NotFound("No user named " + username + ".");
    }

    /**
     * A person changes their own password, proving they know the current one.
     *
     * @return the new credentials version, for the session that asked, which carries on
     */
    int changeOwnPassword(String username, String currentPassword, String newPassword) {
        boolean known = jdbc.sql(FIND).param("username", username).query((rs, n) -> rs.getString("password_hash")).optional()
                .map(hash -> passwords.matches(currentPassword, hash)).orElse(false);
        if (!known) {
            throw Invalid.field("currentPassword", "is not your current password");
        }
        return setPassword(username, newPassword);
    }

    /** What a session is judged by on each request; empty when the user is gone. */
    Optional<Credentials.Standing> standing(String username) {
        return jdbc.sql(STANDING).param("username", username).query((rs, n) -> new Credentials.Standing(
                Role.valueOf(rs.getString("role")), rs.getBoolean("disabled"), rs.getInt("credentials_version"))).optional();
    }

    /** A user as the admin API shows one: never the password hash. */
    public record UserView(String username, Role role, String email, String displayName, Instant createdAt, boolean disabled) {
    }

    /** An active user, as other features see one (no password hash). */
    public Optional<StaffMember> find(String username) {
        return jdbc.sql(FIND_STAFF).param("username", username)
                .query((rs, n) -> new StaffMember(rs.getString("username"), Role.valueOf(rs.getString("role")),
                        rs.getString("email"), rs.getString("display_name")))
                .optional();
    }

    /** The display names set among these usernames (disabled users included: their replies keep their name). */
    public Map<String, String> displayNames(Collection<String> usernames) {
        if (usernames.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql(DISPLAY_NAMES).param("usernames", usernames.toArray(String[]::new))
                .query((rs, n) -> Map.entry(rs.getString("username"), rs.getString("display_name"))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * @param email       where they are told of what concerns them; may be null
     * @param displayName the name customers see on their replies; may be null
     */
    public record StaffMember(String username, Role role, String email, String displayName) {
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return jdbc.sql(FIND).param("username", username)
                .query((rs, n) -> new SignedInUser(rs.getString("username"), Role.valueOf(rs.getString("role")),
                        rs.getInt("credentials_version"), rs.getTimestamp("disabled_at") != null, rs.getString("password_hash")))
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }
}
