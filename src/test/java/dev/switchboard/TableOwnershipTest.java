package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every table belongs to the module whose migration creates it, and only that module's SQL names it
 * (Java text blocks and migrations alike). Another module reads through a view the owner publishes on
 * purpose ({@code stored_events}, {@code pending_deliveries}), never the table itself.
 */
class TableOwnershipTest {

    private static final Path JAVA = Path.of("src/main/java/dev/switchboard");
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    private static final Pattern MODULE_HEADER = Pattern.compile("^-- Module: (\\w+)");
    private static final Pattern CREATES = Pattern.compile("(?i)\\bcreate\\s+(table|view)\\s+(?:if\\s+not\\s+exists\\s+)?(\\w+)");
    /** A name in the place of a table: after FROM, JOIN, INTO, UPDATE, TABLE, REFERENCES, ON or TRUNCATE... */
    private static final Pattern NAMES = Pattern.compile(
            "(?i)\\b(?:from|join|into|update|table|references|on|truncate)\\s+(?:only\\s+)?(\\w+)");
    /** ...or after a comma in a FROM list. */
    private static final Pattern LISTED = Pattern.compile("(?i)\\bfrom\\s+\\w+(?:\\s+\\w+)?\\s*,\\s*(\\w+)");
    private static final Pattern SQL = Pattern.compile("(?i)\\b(select|insert|update|delete|create|alter|truncate)\\b");
    private static final Pattern TEXT_BLOCK = Pattern.compile("\"\"\"(.*?)\"\"\"", Pattern.DOTALL);
    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

    /**
     * Migrations applied before tables had owners: a migration once applied cannot change, so what they
     * name stays, with the module that wrote them. New migrations say their module in their first line.
     */
    private static final Map<String, String> APPLIED_BEFORE_OWNERSHIP = Map.ofEntries(
            Map.entry("V1__events.sql", "inbound"), Map.entry("V2__users_and_api_tokens.sql", "account"),
            Map.entry("V3__deliveries.sql", "delivery"), Map.entry("V4__drop_redundant_delivery_index.sql", "delivery"),
            Map.entry("V5__notify_names_the_node.sql", "delivery"), Map.entry("V6__attempts_without_foreign_key.sql", "delivery"),
            Map.entry("V7__first_attempts_leased_to_the_receiving_node.sql", "delivery"), Map.entry("V8__settings.sql", "settings"),
            Map.entry("V9__threads.sql", "thread"), Map.entry("V10__emails.sql", "email"), Map.entry("V11__client_logs.sql", "monitor"),
            Map.entry("V12__user_email.sql", "account"));
    /** Names in those applied migrations that belong to another module, each with why it is there. */
    private static final Set<String> HISTORY = Set.of(
            "V3__deliveries.sql -> events",       // deliveries.event_id references events (cascade), and the first trigger
            "V5__notify_names_the_node.sql -> events",
            "V7__first_attempts_leased_to_the_receiving_node.sql -> events", // added events.stored_by for the handover
            "V10__emails.sql -> threads");        // emails.thread_id references threads
    /** The outbox trigger is delivery's, attached to inbound's inserts on purpose: the fan-out is one statement. */
    private static final Set<String> ATTACHED_ON_PURPOSE = Set.of("R__delivery_fan_out.sql -> events");

    @Test
    void no_module_names_a_table_another_module_owns() {
        List<Sql> sql = new ArrayList<>(migrations());
        sql.addAll(javaSql());
        Map<String, Owned> owners = owners(migrations());

        assertThat(owners).as("tables and views found").containsKeys("events", "deliveries", "threads", "users", "emails",
                "stored_events", "pending_deliveries");
        assertThat(violations(sql, owners)).isEmpty();
    }

    @Test
    void the_check_catches_a_module_reading_another_modules_table_and_lets_a_published_view_through() {
        Map<String, Owned> owners = owners(migrations());

        assertThat(violations(List.of(new Sql("delivery", "Example.java", "SELECT body FROM events WHERE id = :id")), owners))
                .containsExactly("Example.java (delivery) names events, which inbound owns");
        assertThat(violations(List.of(new Sql("thread", "Example.java", "SELECT 1 FROM users u JOIN threads t ON t.assignee = u.username")), owners))
                .containsExactly("Example.java (thread) names users, which account owns");
        assertThat(violations(List.of(new Sql("monitor", "Example.java", "SELECT count(*) FROM deliveries d, events e")), owners))
                .hasSize(2);
        assertThat(violations(List.of(new Sql("delivery", "Example.java", "SELECT body FROM stored_events WHERE id = :id"),
                new Sql("inbound", "Example.java", "SELECT 1 FROM pending_deliveries d WHERE d.event_id = :id")), owners))
                .as("views the owners publish").isEmpty();
    }

    record Sql(String module, String source, String text) {
    }

    record Owned(String module, boolean view) {
    }

    private static List<String> violations(List<Sql> sql, Map<String, Owned> owners) {
        Set<String> found = new LinkedHashSet<>();
        for (Sql piece : sql) {
            List<String> named = new ArrayList<>();
            for (Pattern place : List.of(NAMES, LISTED)) {
                Matcher names = place.matcher(stripComments(piece.text()));
                while (names.find()) {
                    named.add(names.group(1).toLowerCase(Locale.ROOT));
                }
            }
            for (String name : named) {
                Owned owner = owners.get(name);
                String key = piece.source() + " -> " + name;
                if (owner != null && !owner.view() && !owner.module().equals(piece.module())
                        && !HISTORY.contains(key) && !ATTACHED_ON_PURPOSE.contains(key)) {
                    found.add(piece.source() + " (" + piece.module() + ") names " + name + ", which " + owner.module() + " owns");
                }
            }
        }
        return List.copyOf(found);
    }

    private static Map<String, Owned> owners(List<Sql> migrations) {
        Map<String, Owned> owners = new HashMap<>();
        for (Sql migration : migrations) {
            Matcher creates = CREATES.matcher(migration.text());
            while (creates.find()) {
                owners.put(creates.group(2).toLowerCase(Locale.ROOT),
                        new Owned(migration.module(), creates.group(1).equalsIgnoreCase("view")));
            }
        }
        return owners;
    }

    private static List<Sql> migrations() {
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            return files.sorted().map(file -> {
                String name = file.getFileName().toString();
                String text = read(file);
                Matcher header = MODULE_HEADER.matcher(text);
                String module = header.find() ? header.group(1) : APPLIED_BEFORE_OWNERSHIP.get(name);
                assertThat(module).as("%s says which module it belongs to in its first line: -- Module: <name>", name).isNotNull();
                return new Sql(module, name, text);
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SQL in each module's Java: text blocks and string constants that read as SQL. */
    private static List<Sql> javaSql() {
        try (Stream<Path> files = Files.walk(JAVA)) {
            List<Sql> sql = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String module = JAVA.relativize(file).getName(0).toString();
                if (module.endsWith(".java")) {
                    continue;
                }
                String text = read(file);
                for (Pattern literal : List.of(TEXT_BLOCK, STRING)) {
                    Matcher m = literal.matcher(text);
                    while (m.find()) {
                        if (SQL.matcher(m.group(1)).find()) {
                            sql.add(new Sql(module, file.getFileName().toString(), m.group(1)));
                        }
                    }
                }
            }
            return sql;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String stripComments(String sql) {
        return sql.replaceAll("--[^\\n]*", "");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
