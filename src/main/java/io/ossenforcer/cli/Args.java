package io.ossenforcer.cli;

import io.ossenforcer.json.Problems;
import io.ossenforcer.oss.OssClients;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** The arguments of one command: {@code --name value}, {@code --name=value}, flags, and positionals. */
final class Args {
    private final Map<String, List<String>> options;
    private final List<String> positionals;

    private Args(Map<String, List<String>> options, List<String> positionals) {
        this.options = options;
        this.positionals = positionals;
    }

    /**
     * @param valued options that take a value (may repeat)
     * @param flags options that take none
     */
    static Args parse(String command, List<String> args, Set<String> valued, Set<String> flags)
            throws UsageException {
        Map<String, List<String>> options = new LinkedHashMap<>();
        List<String> positionals = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.equals("-")) {
                positionals.add(arg);
                continue;
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            if (flags.contains(name) && eq < 0) {
                add(options, name, "true");
            } else if (flags.contains(name)) {
                throw new UsageException(command + ": --" + name + " takes no value");
            } else if (valued.contains(name)) {
                String value;
                if (eq >= 0) {
                    value = arg.substring(eq + 1);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new UsageException(command + ": --" + name + " needs a value");
                }
                add(options, name, value);
            } else {
                throw new UsageException(command + ": unknown option " + arg + " (see " + command + " --help)");
            }
        }
        return new Args(options, positionals);
    }

    private static void add(Map<String, List<String>> options, String name, String value) {
        List<String> values = options.get(name);
        if (values == null) {
            values = new ArrayList<>();
            options.put(name, values);
        }
        values.add(value);
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    /** The single value of an option; repeating it is an error. */
    Optional<String> value(String command, String name) throws UsageException {
        List<String> values = options.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw new UsageException(command + ": --" + name + " given " + values.size() + " times");
        }
        if (!values.isEmpty() && values.get(0).isEmpty()) {
            throw new UsageException(command + ": --" + name + " needs a value");
        }
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The single value of an option, which must pass {@code problemWith} (what is wrong with it, or nothing). */
    Optional<String> value(String command, String name, Function<String, Optional<String>> problemWith)
            throws UsageException {
        Optional<String> value = value(command, name);
        Optional<String> problem = value.flatMap(problemWith);
        if (problem.isPresent()) {
            throw new UsageException(command + ": --" + name + " " + problem.get());
        }
        return value;
    }

    /** Every value of a repeatable option. */
    List<String> values(String command, String name) throws UsageException {
        List<String> values = options.getOrDefault(name, List.of());
        if (values.contains("")) {
            throw new UsageException(command + ": --" + name + " needs a value");
        }
        return Collections.unmodifiableList(values);
    }

    /** A region id, the only part of a host name that may vary: checked as the function checks it. */
    static Optional<String> regionProblem(String region) {
        try {
            OssClients.validRegion(region);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("must be a region id such as cn-hangzhou (^[a-z0-9-]+$), not "
                    + Problems.quote(region));
        }
    }

    /** An endpoint URL the SDK can use: http or https, with a host. */
    static Optional<String> endpointProblem(String endpoint) {
        try {
            URI uri = new URI(endpoint);
            boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            if (web && uri.getHost() != null) {
                return Optional.empty();
            }
        } catch (URISyntaxException e) {
            // reported below like any other unusable value
        }
        return Optional.of("must be an http:// or https:// URL such as http://127.0.0.1:9000, not "
                + Problems.quote(endpoint));
    }

    List<String> positionals() {
        return Collections.unmodifiableList(positionals);
    }

    void expectPositionals(String command, int count, String what) throws UsageException {
        if (positionals.size() != count) {
            throw new UsageException(command + ": expected " + what + ", got " + (positionals.isEmpty() ? "nothing"
                    : String.join(" ", positionals)) + " (see " + command + " --help)");
        }
    }
}
