package dev.switchboard.sla;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.switchboard.database.VersionedDocuments;
import dev.switchboard.refusal.NotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The SLA configuration in force and its history. Saving writes a new version (never an update), so every change is
 * kept with who made it, and every clock and breach names the version it was judged by.
 */
@Component
class SlaConfigStore {

    private static final VersionedDocuments.Sql SQL = new VersionedDocuments.Sql(
            "SELECT coalesce(max(version), 0) FROM sla_config_versions",
            "SELECT config::text FROM sla_config_versions WHERE version = :version",
            """
            INSERT INTO sla_config_versions (version, config, changed_by, changed_at, summary)
            VALUES (:version, CAST(:document AS jsonb), :by, :at, :summary)
            ON CONFLICT (version) DO NOTHING
            """,
            "SELECT version, changed_by, changed_at, summary FROM sla_config_versions ORDER BY version DESC LIMIT :limit");

    private final VersionedDocuments<SlaConfig, InForce> versions;
    private final Clock clock;

    SlaConfigStore(JdbcClient jdbc, Clock clock) {
        this.clock = clock;
        this.versions = new VersionedDocuments<>(jdbc, clock, SQL, "SLA configuration", "sla-config-changed", SlaConfig::read,
                SlaConfig::toJson, SlaConfig.defaults(), InForce::of, InForce::version, InForce::config);
    }

    /** The configuration in force, its calendars built once per version; read once per transaction. */
    InForce current() {
        return versions.current();
    }

    /**
     * Saves the configuration as the next version after {@code basedOn}; refused if someone saved another meanwhile,
     * so nobody overwrites a change they have not seen.
     */
    InForce save(SlaConfig config, int basedOn, String by) {
        return versions.save(config, basedOn, by, SlaConfigStore::summary);
    }

    /**
     * Adds the holidays of an iCalendar file to one calendar, as a new version after {@code basedOn} (the dates it had
     * stay, with their names).
     */
    HolidaysImported importHolidays(String calendar, String file, int basedOn, String by) {
        SlaConfig before = current().config();
        SlaConfig.Calendar target = before.calendars().stream().filter(c -> c.name().equals(calendar)).findFirst()
                .orElseThrow(() -> new NotFound("sla-calendar-not-found", "There is no calendar named \"" + calendar + "\"."));
        List<SlaConfig.Holiday> read = HolidayCalendarFile.read(file, java.time.ZoneId.of(target.zone()), clock);
        Map<java.time.LocalDate, SlaConfig.Holiday> merged = new java.util.TreeMap<>();
        read.forEach(h -> merged.put(h.date(), h));
        if (target.holidays() != null) {
            target.holidays().forEach(h -> merged.put(h.date(), h));
        }
        int added = merged.size() - (target.holidays() == null ? 0 : target.holidays().size());
        List<SlaConfig.Calendar> calendars = before.calendars().stream().map(c -> c != target ? c
                : new SlaConfig.Calendar(c.name(), c.zone(), c.windows(), List.copyOf(merged.values()))).toList();
        InForce saved = save(new SlaConfig(calendars, before.policies()), basedOn, by);
        return new HolidaysImported(saved.version(), calendar, read.size(), added, merged.size());
    }

    List<VersionedDocuments.Change> history(int limit) {
        return versions.history(limit);
    }

    /** What changed, in a line: policies and calendars added, removed, changed or reordered. */
    static String summary(SlaConfig before, SlaConfig after) {
        List<String> parts = new ArrayList<>();
        compare("policy", before.policies().stream().map(p -> Map.entry(p.name(), (Object) p)).toList(),
                after.policies().stream().map(p -> Map.entry(p.name(), (Object) p)).toList(), parts);
        compare("calendar", before.calendars().stream().map(c -> Map.entry(c.name(), (Object) c)).toList(),
                after.calendars().stream().map(c -> Map.entry(c.name(), (Object) c)).toList(), parts);
        return parts.isEmpty() ? "saved unchanged" : String.join("; ", parts);
    }

    private static void compare(String what, List<Map.Entry<String, Object>> before, List<Map.Entry<String, Object>> after, List<String> parts) {
        List<String> old = before.stream().map(Map.Entry::getKey).toList();
        List<String> now = after.stream().map(Map.Entry::getKey).toList();
        now.stream().filter(n -> !old.contains(n)).forEach(n -> parts.add(what + " " + n + " added"));
        old.stream().filter(n -> !now.contains(n)).forEach(n -> parts.add(what + " " + n + " removed"));
        for (Map.Entry<String, Object> item : after) {
            before.stream().filter(b -> b.getKey().equals(item.getKey()) && !Objects.equals(b.getValue(), item.getValue())).findFirst()
                    .ifPresent(b -> parts.add(what + " " + item.getKey() + " changed"));
        }
        if (!old.equals(now) && old.size() == now.size() && old.containsAll(now)) {
            parts.add(what.equals("policy") ? "policies reordered" : "calendars reordered");
        }
    }

    /**
     * @param version  0 for the defaults shipped with Switchboard
     * @param calendars the configuration's calendars, built
     */
    record InForce(int version, SlaConfig config, Map<String, BusinessCalendar> calendars) {

        static InForce of(int version, SlaConfig config) {
            return new InForce(version, config, config.buildCalendars());
        }

        BusinessCalendar calendar(SlaConfig.Policy policy) {
            return policy.calendar() == null ? null : calendars.get(policy.calendar());
        }

        /** Around the clock (its zone does not matter: every day is open all day). */
        static final BusinessCalendar ALWAYS = BusinessCalendar.always(ZoneOffset.UTC);
    }

    /**
     * @param inFile holidays the file holds
     * @param added  of them, dates the calendar did not have
     * @param total  the calendar's holidays now
     */
    record HolidaysImported(int version, String calendar, int inFile, int added, int total) {
    }
}
