package dev.switchboard.thread;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.switchboard.refusal.Gone;
import dev.switchboard.refusal.NotFound;
import dev.switchboard.refusal.Refusal;
import dev.switchboard.database.UuidV7;
import dev.switchboard.email.SendTimeLinks;
import dev.switchboard.settings.Settings;
import dev.switchboard.settings.SystemSettings;
import dev.switchboard.web.RateLimits;
import dev.switchboard.web.Secrets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Customer links: 256 random bits shown once, stored as their SHA-256, bound to one thread with a
 * permission, expiring, revocable, and counted when used. Failed lookups are rate-limited per client
 * address, so tokens cannot be guessed by volume. A token is never logged.
 */
@Service
class CustomerLinks implements SendTimeLinks {

    static final String PREFIX = "cl_";
    /** Where the portal shows a thread to the holder of a link; the token follows. */
    static final String PORTAL_PATH = "/portal/link/";

    private static final String INSERT = """
            INSERT INTO customer_links (id, thread_id, token_hash, permission, created_at, created_by, expires_at)
            VALUES (:id, :thread, :hash, :permission, :now, :by, :expires)
            """;
    private static final String LIST = """
            SELECT id, permission, created_at, created_by, expires_at, revoked_at, revoked_by, last_used_at, use_count
            FROM customer_links WHERE thread_id = :thread ORDER BY created_at DESC
            """;
    private static final String REVOKE = """
            UPDATE customer_links SET revoked_at = :now, revoked_by = :by
            WHERE id = :id AND thread_id = :thread AND revoked_at IS NULL
            """;
    private static final String USE = """
            UPDATE customer_links SET last_used_at = :now, use_count = use_count + 1
            WHERE token_hash = :hash AND revoked_at IS NULL AND expires_at > :now
            RETURNING thread_id, permission
            """;
    private static final String STATE = "SELECT revoked_at FROM customer_links WHERE token_hash = :hash";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SystemSettings settings;
    private final Duration validity;
    private final RateLimits failedLookups;

    CustomerLinks(JdbcClient jdbc, Clock clock, SystemSettings settings, ThreadProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
        this.validity = properties.linkValidity();
        this.failedLookups = new RateLimits("failed link lookups", properties.lookupsPerHour(), Duration.ofHours(1));
    }

    IssuedLink create(UUID thread, LinkPermission permission, Duration validFor, String by) {
        return create(thread, permission, validFor, by, settings.current());
    }

    private IssuedLink create(UUID thread, LinkPermission permission, Duration validFor, String by, Settings current) {
        String token = PREFIX + Secrets.randomToken();
        UUID id = UuidV7.next(clock);
        Instant now = clock.instant();
        Instant expires = now.plus(validFor == null ? validity : validFor);
        jdbc.sql(INSERT).param("id", id).param("thread", thread).param("hash", Secrets.sha256(token))
                .param("permission", permission.name()).param("now", Timestamp.from(now)).param("by", by)
                .param("expires", Timestamp.from(expires)).update();
        return new IssuedLink(id, token, current.portalUrl(PORTAL_PATH + token).orElse(null), permission, expires);
    }

    /** A reply link for an email being sent; its address, when the portal's is set. */
    @Override
    public Optional<String> issue(UUID threadId) {
        Settings current = settings.current();
        if (current.portalBaseUrl() == null) {
            return Optional.empty();
        }
        return Optional.of(create(threadId, LinkPermission.REPLY, null, "email", current).url());
    }

    List<LinkView> list(UUID thread) {
        Instant now = clock.instant();
        return jdbc.sql(LIST).param("thread", thread).query((rs, n) -> {
            Instant expires = rs.getTimestamp("expires_at").toInstant();
            Timestamp revoked = rs.getTimestamp("revoked_at");
            Timestamp lastUsed = rs.getTimestamp("last_used_at");
            String state = revoked != null ? "REVOKED" : expires.isAfter(now) ? "ACTIVE" : "EXPIRED";
            return new LinkView(rs.getObject("id", UUID.class), LinkPermission.valueOf(rs.getString("permission")), state,
                    rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"), expires,
                    revoked == null ? null : revoked.toInstant(), rs.getString("revoked_by"),
                    lastUsed == null ? null : lastUsed.toInstant(), rs.getInt("use_count"));
        }).list();
    }

    boolean revoke(UUID thread, UUID link, String by) {
        return jdbc.sql(REVOKE).param("id", link).param("thread", thread).param("by", by)
                .param("now", Timestamp.from(clock.instant())).update() == 1;
    }

    /**
     * The thread and permission a token opens, counting the use; otherwise 404 (unknown) or 410
     * (expired, revoked), and 429 once a client has failed too often.
     */
    UsedLink use(String token, String client) {
        failedLookups.refuseWhenExhausted(client);
        if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
            throw failed(client, new NotFound("This link is not valid. Check that it was copied whole, or ask the support team for a new one."));
        }
        byte[] hash = Secrets.sha256(token);
        Instant now = clock.instant();
        Optional<UsedLink> used = jdbc.sql(USE).param("hash", hash).param("now", Timestamp.from(now))
                .query((rs, n) -> new UsedLink(rs.getObject("thread_id", UUID.class), LinkPermission.valueOf(rs.getString("permission"))))
                .optional();
        if (used.isPresent()) {
            return used.get();
        }
        Optional<Boolean> revoked = jdbc.sql(STATE).param("hash", hash).query((rs, n) -> rs.getTimestamp("revoked_at") != null).optional();
        if (revoked.isEmpty()) {
            throw failed(client, new NotFound("This link is not valid. Check that it was copied whole, or ask the support team for a new one."));
        }
        String why = revoked.get() ? "was withdrawn by the support team" : "has expired";
        throw failed(client, new Gone("link-gone",
                "This link " + why + ". Ask the support team for a new one; your conversation is kept."));
    }

    private Refusal failed(String client, Refusal problem) {
        failedLookups.take(client);
        return problem;
    }

    /** A new link: the token is here and nowhere else. */
    record IssuedLink(UUID id, String token, String url, LinkPermission permission, Instant expiresAt) {
    }

    record LinkView(UUID id, LinkPermission permission, String state, Instant createdAt, String createdBy, Instant expiresAt,
                    Instant revokedAt, String revokedBy, Instant lastUsedAt, int useCount) {
    }

    record UsedLink(UUID threadId, LinkPermission permission) {
    }
}
