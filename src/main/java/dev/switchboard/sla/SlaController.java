package dev.switchboard.sla;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import dev.switchboard.refusal.Invalid;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/sla}: the configuration (VIEWER reads, ADMIN saves, with its history), the clocks of a conversation or
 * thread, the breaches as they fired, and the summary the dashboard shows.
 */
@RestController
@RequestMapping("/api/sla")
class SlaController {

    private final SlaConfigStore store;
    private final SlaClocks clocks;
    private final BreachTimer timer;
    private final PendingClocks pending;
    private final Clock clock;

    SlaController(SlaConfigStore store, SlaClocks clocks, BreachTimer timer, PendingClocks pending, Clock clock) {
        this.pending = pending;
        this.store = store;
        this.clocks = clocks;
        this.timer = timer;
        this.clock = clock;
    }

    @GetMapping("/config")
    ConfigInForce config() {
        SlaConfigStore.InForce inForce = store.current();
        return new ConfigInForce(inForce.version(), inForce.config());
    }

    /** Saves the configuration as a new version; open clocks are recomputed with it at once. */
    @PutMapping("/config")
    ConfigInForce save(@RequestParam @Min(0) int basedOn, @RequestBody String config, Authentication who) {
        SlaConfigStore.InForce saved = store.save(SlaConfig.read(config), basedOn, who.getName());
        timer.sweepSoon();
        return new ConfigInForce(saved.version(), saved.config());
    }

    /**
     * Adds the holidays of an iCalendar file to one calendar, as a new version of the configuration (the dates it had
     * stay, with their names).
     */
    @PostMapping(path = "/config/calendars/{calendar}/holidays")
    SlaConfigStore.HolidaysImported importHolidays(@PathVariable String calendar, @RequestParam @Min(0) int basedOn, @RequestBody String file,
                                    Authentication who) {
        SlaConfigStore.HolidaysImported imported = store.importHolidays(calendar, file, basedOn, who.getName());
        timer.sweepSoon();
        return imported;
    }

    @GetMapping("/config/history")
    List<dev.switchboard.database.VersionedDocuments.Change> history(@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return store.history(limit);
    }

    /** @param kind conversation or thread; a conversation's key is {@code <account>:<conversation>} */
    @GetMapping("/clocks/{kind}/{key}")
    List<SlaClocks.ClockView> clocks(@PathVariable String kind, @PathVariable String key) {
        return clocks.clocks(kind(kind), key);
    }

    @GetMapping("/breaches")
    List<SlaClocks.Breach> breaches(@RequestParam(required = false) Instant since, @RequestParam(required = false) BreachKind kind,
                                    @RequestParam(required = false) String subjectKind, @RequestParam(required = false) String subjectKey,
                                    @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return clocks.breaches(since == null ? clock.instant().minus(Duration.ofDays(7)) : since, kind,
                subjectKind == null ? null : kind(subjectKind), subjectKey, limit);
    }

    /** Adherence today (from midnight in the first calendar's zone) and over 7 days, breaches today, what is at risk. */
    @GetMapping("/summary")
    Summary summary() {
        Instant now = clock.instant();
        ZoneId zone = ZoneId.of(store.current().config().calendars().getFirst().zone());
        Instant today = now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
        return new Summary(zone.getId(), clocks.adherence(today), clocks.adherence(now.minus(Duration.ofDays(7))),
                clocks.breachesSince(today), clocks.atRisk(50), pending.backlog());
    }

    private static SubjectKind kind(String kind) {
        try {
            return SubjectKind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Invalid.field("kind", "conversation or thread, not \"" + kind + "\"");
        }
    }

    record ConfigInForce(int version, SlaConfig config) {
    }


    /** @param pending conversations whose clocks are queued to be computed again */
    record Summary(String zone, SlaClocks.Adherence today, SlaClocks.Adherence lastSevenDays, long breachesToday,
                   List<SlaClocks.AtRisk> atRisk, long pending) {
    }
}
