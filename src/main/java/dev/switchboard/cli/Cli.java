package dev.switchboard.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The jar's command line: {@code serve} (or nothing at all) starts the server; every other word is a command
 * that runs and exits, without starting the server or a database. Help is printed for {@code help},
 * {@code --help} and {@code <command> --help}; an unknown command or option is refused with exit code 2, so
 * a typo never starts a server and an embedded database in the current folder.
 */
public final class Cli {

    private static final Map<String, Command> COMMANDS = commands();
    private static final Set<String> HELP = Set.of("help", "--help", "-h", "-help", "-?");

    private Cli() {
    }

    private static Map<String, Command> commands() {
        Map<String, Command> commands = new LinkedHashMap<>();
        commands.put("simulate", new SimulateCommand());
        commands.put("deliveries", new DeliveriesCommand());
        commands.put("conversations", new ConversationsCommand());
        commands.put("drafts", new DraftsCommand());
        commands.put("check-chatwoot-health", new CheckChatwootHealthCommand());
        commands.put("check-agent-health", new CheckAgentHealthCommand());
        return Map.copyOf(commands);
    }

    /** Whether these arguments start the server: none at all, or {@code serve} followed only by settings. */
    public static boolean startsServer(String[] args) {
        return args.length == 0 || ("serve".equals(args[0]) && serverProblem(serverArguments(args)) == null);
    }

    /** What Spring gets when the server starts: the settings after {@code serve}. */
    public static String[] serverArguments(String[] args) {
        return args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
    }

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || HELP.contains(args[0])) {
            out.print(usage());
            return 0;
        }
        String name = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if ("serve".equals(name)) {
            return serve(rest, out, err);
        }
        Command command = COMMANDS.get(name);
        if (command == null) {
            err.println(name.startsWith("--") && name.contains(".")
                    ? "Settings go after serve: java -jar switchboard.jar serve " + String.join(" ", args)
                    : "Unknown command: " + name);
            err.print(usage());
            return 2;
        }
        if (Arrays.stream(rest).anyMatch(HELP::contains)) {
            out.print(command.usage());
            return 0;
        }
        try {
            Options options = Options.parse(rest, command);
            if (options.positional().isPresent() && !command.takesAction()) {
                throw new Options.UsageException("Unexpected argument: " + options.positional().get());
            }
            return command.run(options, out);
        } catch (Options.UsageException e) {
            err.println(e.getMessage());
            err.print(command.usage());
            return 2;
        }
    }

    /** Reached only when {@code serve} was asked for help or given something that is no setting. */
    private static int serve(String[] settings, PrintStream out, PrintStream err) {
        if (Arrays.stream(settings).anyMatch(HELP::contains)) {
            out.print(SERVE_USAGE);
            return 0;
        }
        err.println(serverProblem(settings));
        err.print(SERVE_USAGE);
        return 2;
    }

    /** @return why these are not settings Spring can take, or null when they are */
    private static String serverProblem(String[] settings) {
        for (String setting : settings) {
            if (HELP.contains(setting)) {
                return "help";
            }
            if (!setting.startsWith("--") || setting.length() == 2 || setting.startsWith("--=")) {
                return "Not a setting: " + setting + " (settings read --name=value, e.g. --server.port=9090)";
            }
        }
        return null;
    }

    private static final String SERVE_USAGE = """
            usage: serve [--name=value ...]
              Starts Switchboard: http://localhost:8080, embedded PostgreSQL in ./data unless DATABASE_URL is set.
              Any setting from the README's configuration table may follow, e.g. serve --server.port=9090
            """;

    static String usage() {
        return """
                usage: java -jar switchboard.jar [serve [--name=value ...]]   start Switchboard (the default)
                       java -jar switchboard.jar <command> [options]          run a command and exit
                commands:
                  simulate               post Chatwoot-shaped webhooks to a running Switchboard; a stand-in agent
                  deliveries             list dead deliveries, replay them, cancel a replay
                  conversations          rebuild the conversation model from the stored events; its lag
                  drafts                 export the decided AI drafts as JSON lines
                  check-chatwoot-health  is Chatwoot up, and does the API key reach the account?
                  check-agent-health     does the AI agent answer on its health endpoint?
                  help                   this text; <command> --help tells more about one command
                """;
    }

    interface Command {
        int run(Options options, PrintStream out);

        /** Whether a bare word follows the command name, as in {@code deliveries dead}. */
        default boolean takesAction() {
            return false;
        }

        /** The options it takes, without their {@code --}. */
        Set<String> options();

        /** Prefixes of Switchboard settings it reads (see {@link CliSettings}), which may also be given as options. */
        default List<String> settings() {
            return List.of();
        }

        String usage();
    }
}
