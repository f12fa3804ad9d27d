package io.ossenforcer.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** One subcommand of the command line. */
interface Command {
    int OK = 0;
    int FAILED = 1;
    int USAGE = 2;

    String name();

    /** One line for the command list. */
    String summary();

    /** The full {@code --help} text. */
    String help();

    int run(List<String> args, Io io) throws UsageException;

    /** The streams and environment a command runs with, so tests can run commands in-process. */
    final class Io {
        final InputStream in;
        final PrintStream out;
        final PrintStream err;
        final Map<String, String> env;

        Io(InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
            this.in = in;
            this.out = out;
            this.err = err;
            this.env = Map.copyOf(env);
        }
    }
}
