package io.ossenforcer.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code java -jar oss-sse-enforcer.jar <command> [options]}. */
public final class Main {
    static final String LOG_TARGET = "ossenforcer.log.target";

    private Main() {
    }

    public static void main(String[] argv) {
        // Before Log4j starts: the report owns stdout, the JSON log lines go to stderr.
        if (System.getProperty(LOG_TARGET) == null) {
            System.setProperty(LOG_TARGET, "SYSTEM_ERR");
        }
        System.exit(run(Arrays.asList(argv), System.in, System.out, System.err, System.getenv()));
    }

    /** Runs one command in-process and returns its exit status. */
    public static int run(List<String> argv, InputStream in, PrintStream out, PrintStream err,
            Map<String, String> env) {
        Map<String, Command> commands = commands();
        if (argv.isEmpty() || argv.get(0).equals("--help") || argv.get(0).equals("-h") || argv.get(0).equals("help")) {
            (argv.isEmpty() ? err : out).print(usage(commands));
            return argv.isEmpty() ? Command.USAGE : Command.OK;
        }
        Command command = commands.get(argv.get(0));
        if (command == null) {
            err.println("unknown command \"" + argv.get(0) + "\"\n");
            err.print(usage(commands));
            return Command.USAGE;
        }
        List<String> rest = argv.subList(1, argv.size());
        if (rest.contains("--help") || rest.contains("-h")) {
            out.print(command.help());
            return Command.OK;
        }
        try {
            return command.run(rest, new Command.Io(in, out, err, env));
        } catch (UsageException e) {
            err.println(e.getMessage());
            return Command.USAGE;
        }
    }

    private static Map<String, Command> commands() {
        Map<String, Command> commands = new LinkedHashMap<>();
        for (Command c : List.of(new DemoCommand(), new InvokeCommand(), new CheckRulesCommand(),
                new CheckBucketsCommand(), new LocalOssCommand(), SweepCommand.audit(), SweepCommand.backfill(),
                new VerifyDeploymentCommand())) {
            commands.put(c.name(), c);
        }
        return commands;
    }

    private static String usage(Map<String, Command> commands) {
        StringBuilder s = new StringBuilder("Usage: java -jar oss-sse-enforcer.jar <command> [options]\n\n"
                + "Enforces server-side encryption on OSS objects (Function Compute handler and command line).\n\n"
                + "Commands:\n");
        // Summaries start in one column, two spaces past the longest name.
        int width = commands.keySet().stream().mapToInt(String::length).max().orElse(0);
        commands.values().forEach(c -> s.append("  ").append(c.name()).append(" ".repeat(width - c.name().length() + 2))
                .append(c.summary()).append('\n'));
        s.append("\n<command> --help shows a command's options.\n");
        return s.toString();
    }
}
