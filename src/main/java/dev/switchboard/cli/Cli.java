package dev.switchboard.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;

/**
 * Commands that run from the same jar instead of the server: {@code java -jar switchboard.jar simulate …}.
 * They run without starting Spring, so they are quick and need no database.
 */
public final class Cli {

    private static final Map<String, Command> COMMANDS = Map.of(
            "simulate", new SimulateCommand(),
            "deliveries", new DeliveriesCommand(),
            "check-chatwoot-health", new CheckChatwootHealthCommand(),
            "check-agent-health", new CheckAgentHealthCommand());

    private Cli() {
    }

    public static boolean handles(String[] args) {
        return args.length > 0 && COMMANDS.containsKey(args[0]);
    }

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Command command = COMMANDS.get(args[0]);
        try {
            Options options = Options.parse(Arrays.copyOfRange(args, 1, args.length));
            if (options.positional().isPresent() && !command.takesAction()) {
                throw new Options.UsageException("Unexpected argument: " + options.positional().get());
            }
            return command.run(options, out);
        } catch (Options.UsageException e) {
            err.println(e.getMessage());
            err.println(command.usage());
            return 2;
        }
    }

    interface Command {
        int run(Options options, PrintStream out);

        /** Whether a bare word follows the command name, as in {@code deliveries dead}. */
        default boolean takesAction() {
            return false;
        }

        String usage();
    }
}
