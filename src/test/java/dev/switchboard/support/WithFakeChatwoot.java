package dev.switchboard.support;

import java.io.IOException;
import java.time.Instant;

import dev.switchboard.account.ApiTokens;
import dev.switchboard.web.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of what Switchboard knows of and does in Chatwoot (actions, the probe, conversations, triage) share
 * one application context talking to one fake Chatwoot, on a database of their own. After each test, every
 * request the fake received must match Chatwoot's OpenAPI document (when {@code ../shared} has it).
 */
public abstract class WithFakeChatwoot {

    public static final String DATABASE = "switchboard_chatwoot_test";
    public static final String CHATWOOT_KEY = "cw-test-token-4c1a";
    public static final long ACCOUNT = 3;
    /** The AI agent's draft-signing secret, and the Chatwoot agent bot whose private notes are its drafts. */
    public static final String AGENT_DRAFT_SECRET = "whsec_" + java.util.Base64.getEncoder()
            .encodeToString("agent-draft-secret-for-tests-32b".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    public static final long AGENT_BOT_ID = 5;
    public static final FakeChatwoot CHATWOOT;

    static {
        try {
            CHATWOOT = new FakeChatwoot(CHATWOOT_KEY);
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void chatwootAndDatabase(DynamicPropertyRegistry registry) {
        talkingTo(CHATWOOT, DATABASE, registry);
    }

    /** The settings of a Switchboard that talks to this fake Chatwoot, on a database of its own (recreated once a run). */
    public static void talkingTo(FakeChatwoot chatwoot, String database, DynamicPropertyRegistry registry) {
        TestDatabase.recreateOnce(database);
        registry.add("switchboard.database.url", () -> TestDatabase.url(database));
        registry.add("switchboard.chatwoot.base-url", chatwoot::url);
        registry.add("switchboard.chatwoot.api-key", () -> CHATWOOT_KEY);
        registry.add("switchboard.chatwoot.account-id", () -> ACCOUNT);
        registry.add("switchboard.chatwoot.actions.rate-per-minute", () -> 3000);
        registry.add("switchboard.chatwoot.actions.max-attempts", () -> 3);
        registry.add("switchboard.chatwoot.actions.poll-interval", () -> "200ms");
        registry.add("switchboard.chatwoot.actions.timeout", () -> "2s");
        registry.add("switchboard.chatwoot.probe.interval", () -> "1m");
        registry.add("switchboard.drafts.agent-secret", () -> AGENT_DRAFT_SECRET);
        registry.add("switchboard.drafts.agent-bot-ids", () -> AGENT_BOT_ID);
        registry.add("switchboard.drafts.mirror-to-chatwoot", () -> true);
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected MutableClock clock;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected TransactionTemplate transactions;
    @Autowired
    protected ApiTokens tokens;
    protected HttpTestClient http;

    @BeforeEach
    void freshChatwootState() {
        http = new HttpTestClient(port);
        clock.set(Instant.now());
        CHATWOOT.reset();
    }

    @AfterEach
    void everyRequestMatchedChatwootsOpenApi() {
        assertThat(CHATWOOT.violations()).as("requests Chatwoot's OpenAPI document does not allow").isEmpty();
    }

    protected String token(Role role) {
        return tokens.issue(role.name().toLowerCase() + "-" + System.nanoTime(), role, "test").token();
    }
}
