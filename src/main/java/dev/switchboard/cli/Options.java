package dev.switchboard.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --name value} and {@code --name=value} pairs, each one the command takes; a Switchboard setting
 * the command reads ({@code --switchboard.chatwoot.base-url=…}) is kept apart for {@link CliSettings}.
 */
record Options(Map<String, String> values, Optional<String> positional, List<String> settings) {

    /** At most one bare word, first (a command's action, as in {@code deliveries dead}); then options. */
    static Options parse(String[] args, Cli.Command command) {
        Map<String, String> values = new HashMap<>();
        List<String> settings = new ArrayList<>();
        String positional = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (i == 0 && !arg.startsWith("-")) {
                positional = arg;
                continue;
            }
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("Unexpected argument: " + arg);
            }
            int eq = arg.indexOf('=');
            String name = eq > 0 ? arg.substring(2, eq) : arg.substring(2);
            String value;
            if (eq > 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                value = "true";
            }
            if (command.settings().stream().anyMatch(name::startsWith)) {
                settings.add("--" + name + "=" + value);
            } else if (command.options().contains(name)) {
                values.put(name, value);
            } else {
                throw new UsageException("Unknown option: --" + name);
            }
        }
        return new Options(Map.copyOf(values), Optional.ofNullable(positional), List.copyOf(settings));
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name)).filter(v -> !v.isBlank());
    }

    int intValue(String name, int fallback) {
        try {
            return get(name).map(Integer::parseInt).orElse(fallback);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number");
        }
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
