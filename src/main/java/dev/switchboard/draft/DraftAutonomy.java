package dev.switchboard.draft;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import dev.switchboard.refusal.Conflict;
import dev.switchboard.refusal.Invalid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Autonomy per intent, off until earned. An ADMIN may switch an intent on only when its last {@code window} drafts
 * judged by people (decided before sending, or reviewed after autonomy sent them) were approved as written at least
 * {@code threshold} of the time, with no policy grade under {@code minPolicyGrade}. While on, its drafts are sent at
 * once and a share is sampled for a person to review; as soon as the reviews since it was switched on fall below the threshold, Switchboard switches it off itself, which
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
    /*
     * Every intent's standing in one statement (or one intent's, with :intent): its latest :window judgements by
     * people (decisions on drafts that waited, and reviews of drafts autonomy sent), and while it is on, its latest
     * :window reviews since it was switched on.
     */
    private static final String STANDINGS = """
            WITH judged AS (
                SELECT intent, status = 'APPROVED' AS good, policy, decided_at AS at FROM drafts
                WHERE intent IS NOT NULL AND status <> 'PENDING' AND decided_via <> 'AUTONOMY'
                UNION ALL
                SELECT intent, review = 'GOOD', policy, reviewed_at FROM drafts WHERE intent IS NOT NULL AND review IN ('GOOD', 'BAD')
            ), track AS (
                SELECT intent, count(*) AS judged, count(*) FILTER (WHERE good) AS approved, min(policy) AS lowest_policy
                FROM (SELECT j.*, row_number() OVER (PARTITION BY intent ORDER BY at DESC) AS n FROM judged j) latest
                WHERE n <= :window GROUP BY intent
            ), reviewed AS (
                SELECT intent, count(*) AS reviews, count(*) FILTER (WHERE review = 'GOOD') AS good
                FROM (SELECT d.intent, d.review, row_number() OVER (PARTITION BY d.intent ORDER BY d.reviewed_at DESC) AS n
                      FROM drafts d JOIN draft_autonomy a ON a.intent = d.intent AND a.enabled AND d.reviewed_at >= a.changed_at
                      WHERE d.review IN ('GOOD', 'BAD')) latest
                WHERE n <= :window GROUP BY intent
            ), intents AS (
                SELECT intent FROM drafts WHERE intent IS NOT NULL UNION SELECT intent FROM draft_autonomy
            )
            SELECT i.intent, coalesce(t.judged, 0) AS judged, coalesce(t.approved, 0) AS approved, t.lowest_policy,
                   a.enabled, a.changed_at, a.changed_by, a.reason, coalesce(r.reviews, 0) AS reviews, coalesce(r.good, 0) AS reviews_good
            FROM intents i LEFT JOIN track t USING (intent) LEFT JOIN draft_autonomy a USING (intent) LEFT JOIN reviewed r USING (intent)
            WHERE CAST(:intent AS text) IS NULL OR i.intent = :intent
            ORDER BY i.intent
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
        return standings(null).list();
    }

    /** Where the intent stands; one no draft has named yet stands at nothing judged, off. */
    public Standing standing(String intent) {
        String name = intent(intent);
        return standings(name).optional().orElseGet(() -> new Standing(name, false, null, settings.window(), 0, 0, null,
                settings.threshold(), settings.minPolicyGrade(), 0, 0));
    }

    private JdbcClient.MappedQuerySpec<Standing> standings(String intent) {
        return jdbc.sql(STANDINGS).param("intent", intent).param("window", settings.window()).query((rs, n) -> {
            Timestamp changedAt = rs.getTimestamp("changed_at");
            State state = changedAt == null ? null : new State(rs.getBoolean("enabled"), changedAt.toInstant(), rs.getString("changed_by"),
                    rs.getString("reason"));
            return new Standing(rs.getString("intent"), state != null && state.enabled(), state, settings.window(), rs.getLong("judged"),
                    rs.getLong("approved"), (Integer) rs.getObject("lowest_policy"), settings.threshold(), settings.minPolicyGrade(),
                    rs.getLong("reviews"), rs.getLong("reviews_good"));
        });
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
    public Reviewed review(UUID draftId, boolean good, Draft.Grades grades, String comment, String by) {
        DecisionRules.check(new Decision(Decision.Kind.APPROVE, null, null, comment, grades, false), DecidedVia.SWITCHBOARD);
        if (!good && !grades.complete()) {
            throw Invalid.field("grades", "tone, accuracy and policy (1 to 5) are required when you would not have sent it as written");
        }
        Draft draft = drafts.find(draftId).orElseThrow(() -> Drafts.notFound(draftId));
        if (!drafts.review(draftId, good, grades, comment, by, clock.instant())) {
            throw new Conflict("review-not-waiting", "Draft " + draftId + (draft.review() == null ? " was not sampled for review."
                    : " was already reviewed by " + draft.reviewedBy() + "."));
        }
        String revoked = null;
        if (draft.intent() != null) {
            jdbc.sql(LOCK).param("intent", draft.intent()).query(Object.class).single();
            Standing standing = standing(draft.intent());
            if (standing.enabled() && standing.reviewsBelowThreshold()) {
                revoked = "sampled reviews fell below the threshold: " + standing.reviewsGood() + " of " + standing.reviews()
                        + " good, " + percent(standing.threshold()) + " needed";
                record(draft.intent(), false, SWITCHBOARD, revoked);
                log.warn("Autonomy for intent {} switched itself off: {}", draft.intent(), revoked);
            }
        }
        Draft reviewed = drafts.find(draftId).orElseThrow();
        news.reviewed(reviewed);
        return new Reviewed(reviewed, revoked);
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

    /** @param revoked why this review switched the intent's autonomy off; null when it did not */
    public record Reviewed(Draft draft, String revoked) {
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
