package dev.switchboard.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@code --name value} and {@code --name=value} pairs; nothing more is needed by the commands. */
record Options(Map<String, String> values, Optional<String> positional) {

    /** At most one bare word, first (a command's action, as in {@code deliveries dead}); then options. */
    static Options parse(String[] args) {
        Map<String, String> values = new HashMap<>();
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
            if (eq > 0) {
                values.put(arg.substring(2, eq), arg.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                values.put(arg.substring(2), args[++i]);
            } else {
                values.put(arg.substring(2), "true");
            }
        }
        return new Options(Map.copyOf(values), Optional.ofNullable(positional));
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
