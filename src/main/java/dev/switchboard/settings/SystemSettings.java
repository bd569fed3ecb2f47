package dev.switchboard.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import dev.switchboard.refusal.Invalid;
import dev.switchboard.web.Inputs;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads and changes the settings; every change is validated field by field and recorded with who made it. */
@Service
public class SystemSettings {

    static final int MAX_QUERY_TYPES = 20;
    static final int MAX_QUERY_TYPE_LENGTH = 60;
    static final int MAX_TEAM_NAME_LENGTH = 100;
    private static final Pattern DIGITS = Pattern.compile("[0-9]{8,15}");
    private static final Pattern ONE_LINE = Pattern.compile("[^<>\\p{Cntrl}]+");
    // deliberately plain: one @, no spaces, a dot in the domain; the mail server has the last word
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");

    private static final String FIND = """
            SELECT support_email, whatsapp_number, portal_base_url, whatsapp_bubble, query_types, team_name FROM settings
            """;
    private static final String LOCK = "SELECT 1 FROM settings FOR UPDATE";
    private static final String UPDATE = """
            UPDATE settings SET support_email = :supportEmail, whatsapp_number = :whatsappNumber,
                                portal_base_url = :portalBaseUrl, whatsapp_bubble = :whatsappBubble,
                                query_types = :queryTypes, team_name = :teamName, updated_at = :now, updated_by = :by
            """;
    private static final String RECORD_CHANGE = """
            INSERT INTO settings_changes (changed_at, changed_by, field, old_value, new_value)
            VALUES (:now, :by, :field, :old, :new)
            """;
    private static final String CHANGES = """
            SELECT changed_at, changed_by, field, old_value, new_value FROM settings_changes
            ORDER BY id DESC LIMIT :limit
            """;

    private final JdbcClient jdbc;
    private final Clock clock;

    SystemSettings(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Settings current() {
        return jdbc.sql(FIND).query((rs, n) -> new Settings(rs.getString("support_email"), rs.getString("whatsapp_number"),
                rs.getString("portal_base_url"), rs.getBoolean("whatsapp_bubble"), strings(rs.getArray("query_types")),
                rs.getString("team_name"))).single();
    }

    /**
     * Replaces the settings with {@code wanted} (blank text meaning "not set"), or refuses with every
     * field's problem and changes nothing.
     */
    @Transactional
    public Settings update(Settings wanted, String by) {
        Settings next = normalised(wanted);
        jdbc.sql(LOCK).query().listOfRows();
        Settings previous = current();
        jdbc.sql(UPDATE).param("supportEmail", next.supportEmail()).param("whatsappNumber", next.whatsappNumber())
                .param("portalBaseUrl", next.portalBaseUrl()).param("whatsappBubble", next.whatsappBubble())
                .param("queryTypes", next.queryTypes().toArray(String[]::new)).param("teamName", next.teamName())
                .param("now", Timestamp.from(clock.instant())).param("by", by).update();
        record(by, "supportEmail", previous.supportEmail(), next.supportEmail());
        record(by, "whatsappNumber", previous.whatsappNumber(), next.whatsappNumber());
        record(by, "portalBaseUrl", previous.portalBaseUrl(), next.portalBaseUrl());
        record(by, "whatsappBubble", Boolean.toString(previous.whatsappBubble()), Boolean.toString(next.whatsappBubble()));
        record(by, "queryTypes", String.join(", ", previous.queryTypes()), String.join(", ", next.queryTypes()));
        record(by, "teamName", previous.teamName(), next.teamName());
        return next;
    }

    public List<SettingsChange> changes(int limit) {
        return jdbc.sql(CHANGES).param("limit", limit).query((rs, n) -> new SettingsChange(
                rs.getTimestamp("changed_at").toInstant(), rs.getString("changed_by"), rs.getString("field"),
                rs.getString("old_value"), rs.getString("new_value"))).list();
    }

    /** Trimmed, blanks as null, checked: every problem at once, so a form can show them all. */
    static Settings normalised(Settings wanted) {
        List<Invalid.FieldProblem> problems = new ArrayList<>();
        String email = Inputs.blankToNull(wanted.supportEmail());
        if (email != null && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
            problems.add(new Invalid.FieldProblem("supportEmail", "must be an email address, such as support@example.com"));
        }
        String number = Inputs.blankToNull(wanted.whatsappNumber());
        if (number != null && !DIGITS.matcher(number).matches()) {
            problems.add(new Invalid.FieldProblem("whatsappNumber",
                    "must be 8 to 15 digits with the country code, and nothing else (no +, spaces or dashes)"));
        }
        if (wanted.whatsappBubble() && number == null) {
            problems.add(new Invalid.FieldProblem("whatsappBubble", "needs a WhatsApp number to open"));
        }
        String portal = Inputs.blankToNull(wanted.portalBaseUrl());
        if (portal != null && !isAbsoluteHttp(portal)) {
            problems.add(new Invalid.FieldProblem("portalBaseUrl", "must be an absolute http:// or https:// address, such as https://support.example.com"));
        }
        List<String> types = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String type : Objects.requireNonNullElse(wanted.queryTypes(), List.<String>of())) {
            String t = Inputs.blankToNull(type);
            if (t == null) {
                continue;
            }
            if (t.length() > MAX_QUERY_TYPE_LENGTH) {
                problems.add(new Invalid.FieldProblem("queryTypes", "each type has at most " + MAX_QUERY_TYPE_LENGTH + " characters"));
            } else if (!seen.add(t.toLowerCase(Locale.ROOT))) {
                problems.add(new Invalid.FieldProblem("queryTypes", "lists \"" + t + "\" twice"));
            }
            types.add(t);
        }
        if (types.isEmpty() || types.size() > MAX_QUERY_TYPES) {
            problems.add(new Invalid.FieldProblem("queryTypes", "needs 1 to " + MAX_QUERY_TYPES + " types"));
        }
        String team = Objects.requireNonNullElse(Inputs.blankToNull(wanted.teamName()), Settings.DEFAULT_TEAM_NAME);
        if (team.length() > MAX_TEAM_NAME_LENGTH || !ONE_LINE.matcher(team).matches()) {
            problems.add(new Invalid.FieldProblem("teamName", "must be one line of at most " + MAX_TEAM_NAME_LENGTH
                    + " characters, without < > or control characters"));
        }
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
        return new Settings(email, number, portal, wanted.whatsappBubble(), types, team);
    }

    private void record(String by, String field, String before, String after) {
        if (!Objects.equals(before, after)) {
            jdbc.sql(RECORD_CHANGE).param("now", Timestamp.from(clock.instant())).param("by", by).param("field", field)
                    .param("old", before).param("new", after).update();
        }
    }

    private static boolean isAbsoluteHttp(String value) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null && uri.getRawQuery() == null && uri.getRawFragment() == null && value.length() <= 500;
        } catch (URISyntaxException e) {
            return false;
        }
    }


    private static List<String> strings(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }

    /** One recorded change of one setting. */
    public record SettingsChange(java.time.Instant changedAt, String changedBy, String field, String oldValue, String newValue) {
    }
}
