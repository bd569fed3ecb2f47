package dev.switchboard.account;

import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import dev.switchboard.database.UuidV7;
import dev.switchboard.web.Role;
import dev.switchboard.web.Secrets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * API tokens for machine clients. A token reads {@code sb_<key id>_<secret>}: the key id finds the row,
 * and the SHA-256 of the whole token is compared in constant time with the stored one. SHA-256 rather
 * than BCrypt because a token carries 256 random bits and is checked on every request; BCrypt would cap
 * the API at a few dozen requests a second.
 */
@Service
public class ApiTokens {

    private static final String PREFIX = "sb_";
    private static final int KEY_ID_LENGTH = 12;
    private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

    private static final String INSERT = """
            INSERT INTO api_tokens (id, key_id, token_hash, name, role, created_at, created_by)
            VALUES (:id, :keyId, :hash, :name, :role, :now, :createdBy)
            """;
    private static final String FIND_BY_KEY_ID = """
            SELECT id, token_hash, name, role, revoked_at FROM api_tokens WHERE key_id = :keyId
            """;
    private static final String TOUCH = """
            UPDATE api_tokens SET last_used_at = :now
            WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :stale)
            """;
    private static final String LIST = """
            SELECT id, key_id, name, role, created_at, created_by, last_used_at, revoked_at
            FROM api_tokens ORDER BY created_at DESC
            """;
    private static final String REVOKE = """
            UPDATE api_tokens SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL
            """;

    private final JdbcClient jdbc;
    private final Clock clock;

    ApiTokens(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The token's whole text is in the result and nowhere else: it cannot be shown again. */
    public IssuedToken issue(String name, Role role, String createdBy) {
        UUID id = UuidV7.next(clock);
        String keyId = Secrets.randomWord(KEY_ID_LENGTH).toLowerCase(Locale.ROOT);
        String token = PREFIX + keyId + "_" + Secrets.randomToken();
        jdbc.sql(INSERT)
                .param("id", id).param("keyId", keyId).param("hash", Secrets.sha256(token))
                .param("name", name).param("role", role.name())
                .param("now", Timestamp.from(clock.instant())).param("createdBy", createdBy)
                .update();
        return new IssuedToken(id, name, role, token);
    }

    Optional<TokenPrincipal> authenticate(String presented) {
        if (presented == null || !presented.startsWith(PREFIX) || presented.length() < PREFIX.length() + KEY_ID_LENGTH + 2
                || presented.charAt(PREFIX.length() + KEY_ID_LENGTH) != '_') {
            return Optional.empty();
        }
        String keyId = presented.substring(PREFIX.length(), PREFIX.length() + KEY_ID_LENGTH);
        byte[] presentedHash = Secrets.sha256(presented);
        return jdbc.sql(FIND_BY_KEY_ID).param("keyId", keyId)
                .query((rs, n) -> new StoredToken(rs.getObject("id", UUID.class), rs.getBytes("token_hash"),
                        rs.getString("name"), Role.valueOf(rs.getString("role")), rs.getTimestamp("revoked_at") != null))
                .optional()
                .filter(t -> MessageDigest.isEqual(t.hash(), presentedHash))
                .filter(t -> !t.revoked())
                .map(t -> {
                    Instant now = clock.instant();
                    jdbc.sql(TOUCH).param("id", t.id()).param("now", Timestamp.from(now))
                            .param("stale", Timestamp.from(now.minus(LAST_USED_GRANULARITY))).update();
                    return new TokenPrincipal(t.id(), t.name(), t.role());
                });
    }

    public List<TokenView> list() {
        return jdbc.sql(LIST).query((rs, n) -> new TokenView(rs.getObject("id", UUID.class), rs.getString("name"),
                Role.valueOf(rs.getString("role")), PREFIX + rs.getString("key_id") + "_…",
                rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
                instant(rs.getTimestamp("last_used_at")), instant(rs.getTimestamp("revoked_at")))).list();
    }

    /** @return false when there is no such token or it was already revoked */
    public boolean revoke(UUID id) {
        return jdbc.sql(REVOKE).param("id", id).param("now", Timestamp.from(clock.instant())).update() == 1;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    public record IssuedToken(UUID id, String name, Role role, String token) {
        @Override
        public String toString() {
            return "IssuedToken[" + id + ", " + name + ", " + role + "]";
        }
    }

    /** A token as listed: never its secret, only a prefix that tells tokens apart. */
    public record TokenView(UUID id, String name, Role role, String prefix, Instant createdAt, String createdBy,
                            Instant lastUsedAt, Instant revokedAt) {
    }

    record TokenPrincipal(UUID id, String name, Role role) {
    }

    private record StoredToken(UUID id, byte[] hash, String name, Role role, boolean revoked) {
    }
}
