package dev.switchboard.monitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import jakarta.servlet.http.HttpServletRequest;

import dev.switchboard.chatwoot.ChatwootHealth;
import dev.switchboard.conversation.Conversations;
import dev.switchboard.delivery.Throughput;
import dev.switchboard.thread.ThreadStatistics;
import dev.switchboard.web.PageController;
import dev.switchboard.web.PageTimes;
import dev.switchboard.web.Role;
import dev.switchboard.web.ViewerZone;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The dashboard: tiles for the queue, delivery, threads and email, refreshed every 30 seconds in place,
 * the alert lines of the on-call view, and events received and delivered per minute over a day.
 */
@PageController
class DashboardPage {

    /** Below this share of successful attempts in the last hour the tile turns to a warning. */
    private static final double GOOD_SUCCESS_RATE = 0.95;
    private static final Duration OLD_PENDING = Duration.ofMinutes(5);

    private final HealthSummary health;
    private final ThreadStatistics threads;
    private final Throughput throughput;
    private final Conversations conversations;
    private final Clock clock;

    DashboardPage(HealthSummary health, ThreadStatistics threads, Throughput throughput, Conversations conversations, Clock clock) {
        this.conversations = conversations;
        this.health = health;
        this.threads = threads;
        this.throughput = throughput;
        this.clock = clock;
    }

    @GetMapping("/")
    String dashboard(HttpServletRequest request, Authentication viewer, Model model) {
        HealthSummary.SupportHealth now = health.recent();
        model.addAttribute("tiles", tiles(now, ViewerZone.of(request), worksThreads(viewer)));
        model.addAttribute("alerts", now.alerts());
        model.addAttribute("chart", ThroughputChart.of(throughput.lastDay(), ViewerZone.of(request)));
        model.addAttribute("intents", conversations.intents());
        return "dashboard/dashboard";
    }

    @GetMapping("/dashboard/tiles")
    String tiles(HttpServletRequest request, Authentication viewer, Model model) {
        HealthSummary.SupportHealth now = health.recent();
        model.addAttribute("tiles", tiles(now, ViewerZone.of(request), worksThreads(viewer)));
        model.addAttribute("alerts", now.alerts());
        return "dashboard/dashboard :: live";
    }

    @GetMapping("/dashboard/chart")
    String chart(HttpServletRequest request, Model model) {
        model.addAttribute("chart", ThroughputChart.of(throughput.lastDay(), ViewerZone.of(request)));
        return "dashboard/dashboard :: chart";
    }

    /** Only those who may open the inbox get the thread tiles as links to it. */
    private static boolean worksThreads(Authentication viewer) {
        return viewer.getAuthorities().stream().anyMatch(a -> ("ROLE_" + Role.AGENT.name()).equals(a.getAuthority()));
    }

    private Tiles tiles(HealthSummary.SupportHealth now, ZoneId zone, boolean worksThreads) {
        Instant startOfToday = clock.instant().atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
        ThreadStatistics.Counts counts = threads.counts(startOfToday);
        var deliveries = now.deliveries();
        Double rate = deliveries.successRate1h();
        Duration oldest = Duration.ofSeconds(deliveries.oldestPendingAgeSeconds());
        return new Tiles(
                new Tile("pending", "Pending deliveries", Long.toString(deliveries.pending()), null, Level.NORMAL,
                        "/deliveries?status=PENDING"),
                new Tile("oldest-pending", "Oldest pending", deliveries.pending() == 0 ? "–" : PageTimes.duration(oldest),
                        deliveries.pending() == 0 ? "queue is empty" : null,
                        oldest.compareTo(OLD_PENDING) > 0 ? Level.WARN : Level.NORMAL, "/deliveries?status=PENDING"),
                new Tile("success-rate", "Success, last hour", rate == null ? "–" : percent(rate),
                        deliveries.attempts1h() + " attempts",
                        rate != null && rate < GOOD_SUCCESS_RATE ? Level.WARN : Level.NORMAL, null),
                new Tile("dead", "Dead deliveries", Long.toString(deliveries.dead()), null,
                        deliveries.dead() > 0 ? Level.BAD : Level.NORMAL, "/deliveries?status=DEAD"),
                new Tile("open-threads", "Open threads", Long.toString(counts.open()), "waiting on staff", Level.NORMAL,
                        worksThreads ? "/inbox?tab=OPEN" : null),
                new Tile("pending-threads", "Pending threads", Long.toString(counts.pending()), "waiting on customers",
                        Level.NORMAL, worksThreads ? "/inbox?tab=PENDING" : null),
                new Tile("resolved-today", "Resolved today", Long.toString(counts.resolved()), null, Level.NORMAL, null),
                new Tile("emails-waiting", "Emails waiting", Long.toString(now.emails().pending()),
                        now.emails().smtpConfigured() ? null : "no SMTP server set",
                        now.emails().pending() > 0 && !now.emails().smtpConfigured() ? Level.WARN : Level.NORMAL, null),
                chatwootTile(now.chatwoot()),
                now.checkedAt());
    }

    /** Online or offline since when, as the probes found it; a warning from the first failed probe, bad from the alert. */
    private Tile chatwootTile(ChatwootHealth.Snapshot chatwoot) {
        if (!chatwoot.configured()) {
            return new Tile("chatwoot", "Chatwoot", "Not set", "CHATWOOT_BASE_URL is empty", Level.NORMAL, null);
        }
        if (chatwoot.online() == null) {
            return new Tile("chatwoot", "Chatwoot", "Not probed yet", null, Level.NORMAL, null);
        }
        String since = chatwoot.since() == null ? null
                : "for " + PageTimes.duration(Duration.between(chatwoot.since(), clock.instant()));
        Level level = chatwoot.alert() ? Level.BAD : chatwoot.online() ? Level.NORMAL : Level.WARN;
        return new Tile("chatwoot", "Chatwoot", chatwoot.online() ? "Online" : "Offline", since, level, null);
    }

    private static String percent(double rate) {
        double p = rate * 100;
        return (p >= 99.95 || p == Math.floor(p) ? Long.toString(Math.round(p)) : String.format(java.util.Locale.ROOT, "%.1f", p)) + " %";
    }

    enum Level { NORMAL, WARN, BAD }

    /**
     * @param key  names the tile for people who script against the page
     * @param note a smaller line under the value
     * @param link where the tile's label leads, for a closer look
     */
    record Tile(String key, String label, String value, String note, Level level, String link) {
    }

    record Tiles(Tile pending, Tile oldestPending, Tile successRate, Tile dead, Tile openThreads, Tile pendingThreads,
                 Tile resolvedToday, Tile emailsWaiting, Tile chatwoot, Instant refreshedAt) {
        public java.util.List<Tile> all() {
            return java.util.List.of(pending, oldestPending, successRate, dead, openThreads, pendingThreads, resolvedToday, emailsWaiting,
                    chatwoot);
        }
    }
}
