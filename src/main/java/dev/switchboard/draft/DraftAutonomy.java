package dev.switchboard.draft;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import dev.switchboard.refusal.Conflict;
import dev.switchboard.refusal.Invalid;
import dev.switchboard.refusal.NotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Autonomy per intent, off until earned. An ADMIN may switch an intent on only when its last {@code window} drafts
 * judged by people (decided before sending, or reviewed after autonomy sent them) were approved as written at least
 * {@code threshold} of the time, with no policy grade under {@code minPolicyGrade}. While on, its drafts are sent at once and a share is sampled for a person to review; as
 * soon as the reviews since it was switched on fall below the threshold, Switchboard switches it off itself, which
 * the {@code draft-autonomy-revoked} alert tells the people on call.
 */
@Service
public class DraftAutonomy {

    private static final Logger log = LoggerFactory.getLogger(DraftAutonomy.class);
    static final String SWITCHBOARD = "switchboard";

    private static final String ENABLED = "SELECT enabled FROM draft_autonomy WHERE intent = :intent";
    private static final String RECORD = """
            INSERT INTO draft_autonomy (intent, enabled, changed_at, changed_by, reason) VALUES (:intent, :enabled, :now, :by, :reason)
            ON CONFLICT (intent) DO UPDATE SET enabled = EXCLUDED.enabled, changed_at = EXCLUDED.changed_at,
                                               changed_by = EXCLUDED.changed_by, reason = EXCLUDED.reason
            """;
    private static final String HISTORY = """
            INSERT INTO draft_autonomy_history (intent, enabled, at, by, reason) VALUES (:intent, :enabled, :now, :by, :reason)
            """;
    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext('draft-autonomy:' || :intent))";
    // people's judgements, newest first: their decisions on drafts that waited, and their reviews of drafts autonomy sent
    private static final String TRACK_RECORD = """
            SELECT count(*) AS decided, count(*) FILTER (WHERE good) AS approved, min(policy) AS lowest_policy
            FROM (SELECT status = 'APPROVED' AS good, policy, decided_at AS at FROM drafts
                  WHERE intent = :intent AND status <> 'PENDING' AND decided_via <> 'AUTONOMY'
                  UNION ALL
                  SELECT review = 'GOOD', policy, reviewed_at FROM drafts WHERE intent = :intent AND review IN ('GOOD', 'BAD')
                  ORDER BY at DESC LIMIT :window) d
            """;
    private static final String REVIEWS = """
            SELECT count(*) AS reviews, count(*) FILTER (WHERE review = 'GOOD') AS good
            FROM (SELECT review FROM drafts WHERE intent = :intent AND review IN ('GOOD', 'BAD') AND reviewed_at >= :since
                  ORDER BY reviewed_at DESC LIMIT :window) r
            """;
    private static final String STATE = "SELECT enabled, changed_at, changed_by, reason FROM draft_autonomy WHERE intent = :intent";
    private static final String INTENTS = """
            SELECT intent FROM drafts WHERE intent IS NOT NULL GROUP BY intent UNION SELECT intent FROM draft_autonomy ORDER BY 1
            """;
    private static final String REVOKED_SINCE = """
            SELECT intent FROM draft_autonomy WHERE NOT enabled AND changed_by = 'switchboard' AND changed_at >= :since ORDER BY intent
            """;

    private final JdbcClient jdbc;
    private final DraftRepository drafts;
    private final DraftNews news;
    private final DraftProperties.Autonomy settings;
    private final Clock clock;
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

    DraftAutonomy(JdbcClient jdbc, DraftRepository drafts, DraftNews news, DraftProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.drafts = drafts;
        this.news = news;
        this.settings = properties.autonomy();
        this.clock = clock;
    }

    /** Tests choose which drafts are sampled. */
    void random(DoubleSupplier random) {
        this.random = random;
    }

    boolean enabled(String intent) {
        return intent != null && jdbc.sql(ENABLED).param("intent", intent).query(Boolean.class).optional().orElse(false);
    }

    /** Whether this autonomously sent draft is one a person reviews. */
    boolean sampled() {
        return random.getAsDouble() < settings.sampleRate();
    }

    public List<Standing> standings() {
        return jdbc.sql(INTENTS).query(String.class).list().stream().map(this::standing).toList();
    }

    public Standing standing(String intent) {
        var track = jdbc.sql(TRACK_RECORD).param("intent", intent).param("window", settings.window())
                .query((rs, n) -> new long[]{rs.getLong("decided"), rs.getLong("approved"), rs.getObject("lowest_policy") == null
                        ? 0 : rs.getInt("lowest_policy")}).single();
        Optional<State> state = jdbc.sql(STATE).param("intent", intent).query((rs, n) -> new State(rs.getBoolean("enabled"),
                rs.getTimestamp("changed_at").toInstant(), rs.getString("changed_by"), rs.getString("reason"))).optional();
        Instant since = state.filter(State::enabled).map(State::changedAt).orElse(clock.instant());
        var reviews = jdbc.sql(REVIEWS).param("intent", intent).param("since", Timestamp.from(since)).param("window", settings.window())
                .query((rs, n) -> new long[]{rs.getLong("reviews"), rs.getLong("good")}).single();
        Integer lowestPolicy = track[2] == 0 ? null : (int) track[2];
        return new Standing(intent, state.map(State::enabled).orElse(false), state.orElse(null), settings.window(), track[0], track[1],
                lowestPolicy, settings.threshold(), settings.minPolicyGrade(), reviews[0], reviews[1]);
    }

    /** @throws Conflict when the intent has not earned it, with the figures that say why */
    @Transactional
    public Standing enable(String intent, String by) {
        String name = intent(intent);
        jdbc.sql(LOCK).param("intent", name).query(Object.class).single();
        Standing standing = standing(name);
        if (!standing.eligible()) {
            throw new Conflict("autonomy-not-earned", "Intent " + name + " has not earned autonomy: " + standing.why());
        }
        record(name, true, by, "earned: " + standing.why());
        return standing(name);
    }

    @Transactional
    public Standing disable(String intent, String by, String reason) {
        String name = intent(intent);
        jdbc.sql(LOCK).param("intent", name).query(Object.class).single();
        record(name, false, by, reason == null || reason.isBlank() ? "switched off by " + by : reason.strip());
        return standing(name);
    }

    /**
     * A person's review of a sampled draft that autonomy sent: would they have sent it as written? When the reviews
     * since the intent was switched on fall below the threshold, the intent loses its autonomy at once.
     */
    @Transactional
    public Draft review(UUID draftId, boolean good, Draft.Grades grades, String comment, String by) {
        DecisionRules.check(new Decision(Decision.Kind.APPROVE, null, null, comment, grades, false), DecidedVia.SWITCHBOARD);
        if (!good && !grades.complete()) {
            throw Invalid.field("grades", "tone, accuracy and policy (1 to 5) are required when you would not have sent it as written");
        }
        Draft draft = drafts.find(draftId).orElseThrow(() -> Drafts.notFound(draftId));
        if (!drafts.review(draftId, good, grades, comment, by, clock.instant())) {
            throw new Conflict("review-not-waiting", "Draft " + draftId + (draft.review() == null ? " was not sampled for review."
                    : " was already reviewed by " + draft.reviewedBy() + "."));
        }
        if (draft.intent() != null) {
            jdbc.sql(LOCK).param("intent", draft.intent()).query(Object.class).single();
            Standing standing = standing(draft.intent());
            if (standing.enabled() && standing.reviewsBelowThreshold()) {
                String reason = "sampled reviews fell below the threshold: " + standing.reviewsGood() + " of " + standing.reviews()
                        + " good, " + percent(standing.threshold()) + " needed";
                record(draft.intent(), false, SWITCHBOARD, reason);
                log.warn("Autonomy for intent {} switched itself off: {}", draft.intent(), reason);
            }
        }
        Draft reviewed = drafts.find(draftId).orElseThrow();
        news.reviewed(reviewed);
        return reviewed;
    }

    public List<Draft> waitingReviews(int limit) {
        return drafts.waitingReviews(limit);
    }

    /** Intents whose autonomy Switchboard switched off itself since then, and that are still off. */
    public List<String> revokedSince(Instant since) {
        return jdbc.sql(REVOKED_SINCE).param("since", Timestamp.from(since)).query(String.class).list();
    }

    private void record(String intent, boolean enabled, String by, String reason) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql(RECORD).param("intent", intent).param("enabled", enabled).param("now", now).param("by", by).param("reason", reason).update();
        jdbc.sql(HISTORY).param("intent", intent).param("enabled", enabled).param("now", now).param("by", by).param("reason", reason).update();
        log.info("Autonomy for intent {} switched {} by {}: {}", intent, enabled ? "on" : "off", by, reason);
    }

    private static String intent(String intent) {
        if (intent == null || intent.isBlank()) {
            throw Invalid.field("intent", "is required");
        }
        return intent.strip().toLowerCase(Locale.ROOT);
    }

    static String percent(double share) {
        return Math.round(share * 1000) / 10.0 + " %";
    }

    /** @param changedBy a username, a token, or {@code switchboard} when it switched itself off */
    public record State(boolean enabled, Instant changedAt, String changedBy, String reason) {
    }

    /**
     * Where an intent stands: its last drafts judged by people (up to {@code window}), and, while on, the sampled reviews
     * since it was switched on.
     */
    public record Standing(String intent, boolean enabled, State state, int window, long judged, long approved, Integer lowestPolicy,
                           double threshold, int minPolicyGrade, long reviews, long reviewsGood) {

        public Double approvalRate() {
            return judged == 0 ? null : (double) approved / judged;
        }

        public boolean eligible() {
            return judged >= window && approvalRate() >= threshold && (lowestPolicy == null || lowestPolicy >= minPolicyGrade);
        }

        public boolean reviewsBelowThreshold() {
            return reviews > 0 && (double) reviewsGood / reviews < threshold;
        }

        /** The figures in words. */
        public String why() {
            StringBuilder words = new StringBuilder();
            words.append(approved).append(" of the last ").append(judged).append(" drafts people decided or reviewed were approved as written");
            if (approvalRate() != null) {
                words.append(" (").append(percent(approvalRate())).append(")");
            }
            words.append("; ").append(percent(threshold)).append(" of the last ").append(window).append(" needed");
            if (judged < window) {
                words.append(", and only ").append(judged).append(" were judged");
            }
            if (lowestPolicy != null && lowestPolicy < minPolicyGrade) {
                words.append("; a policy grade of ").append(lowestPolicy).append(" is among them (").append(minPolicyGrade)
                        .append(" or more needed)");
            }
            return words.toString();
        }
    }
}
