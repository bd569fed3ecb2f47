package dev.switchboard.monitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import dev.switchboard.chatwoot.ChatwootHealth;
import dev.switchboard.conversation.Conversations;
import dev.switchboard.sla.SlaClocks;
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
    private final SlaClocks clocks;
    private final Alerts alerts;
    private final Clock clock;

    DashboardPage(HealthSummary health, ThreadStatistics threads, Throughput throughput, Conversations conversations, SlaClocks clocks,
                  Alerts alerts, Clock clock) {
        this.clocks = clocks;
        this.alerts = alerts;
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
        model.addAttribute("atRisk", clocks.atRisk(10));
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
                alertsTile(),
                adherenceTile("sla-today", "SLA met today", clocks.adherence(startOfToday)),
                adherenceTile("sla-week", "SLA met, 7 days", clocks.adherence(clock.instant().minus(Duration.ofDays(7)))),
                breachesTile(clocks.breachesSince(startOfToday)),
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

    /** Alerts not yet resolved, by severity: bad with a P0, a warning with any. */
    private Tile alertsTile() {
        Map<Severity, Long> open = alerts.openBySeverity();
        long total = open.values().stream().mapToLong(Long::longValue).sum();
        String note = total == 0 ? "none open" : open.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getValue() + " " + e.getKey()).collect(java.util.stream.Collectors.joining(", "));
        Level level = open.get(Severity.P0) > 0 ? Level.BAD : total > 0 ? Level.WARN : Level.NORMAL;
        return new Tile("alerts", "Open alerts", Long.toString(total), note, level, "/alerts?status=OPEN");
    }

    private static Tile adherenceTile(String key, String label, SlaClocks.Adherence adherence) {
        Double share = adherence.share();
        return new Tile(key, label, share == null ? "–" : percent(share), adherence.met() + " met, " + adherence.missed() + " missed",
                share != null && share < GOOD_SUCCESS_RATE ? Level.WARN : Level.NORMAL, null);
    }

    private static Tile breachesTile(long today) {
        return new Tile("breaches-today", "SLA breaches today", Long.toString(today), null, today > 0 ? Level.WARN : Level.NORMAL, null);
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
                 Tile resolvedToday, Tile emailsWaiting, Tile chatwoot, Tile alerts, Tile slaToday, Tile slaWeek, Tile breachesToday,
                 Instant refreshedAt) {
        public java.util.List<Tile> all() {
            return java.util.List.of(alerts, pending, oldestPending, successRate, dead, openThreads, pendingThreads, resolvedToday,
                    emailsWaiting, chatwoot, slaToday, slaWeek, breachesToday);
        }
    }
}
