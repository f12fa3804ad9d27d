package io.ossenforcer.localoss;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Faults the emulator injects, per operation (as OSS names it): an OSS error with a status, added latency, a reset
 * connection, or a response cut short. Each rule fires on the Nth call of its operation, from the Nth call on, or on a
 * seeded, reproducible fraction of calls. Immutable; parsed from the {@code local-oss --faults} grammar:
 *
 * <pre>
 * spec    = rule *("," rule) [";seed=" integer]
 * rule    = operation ":" fault [":" trigger]        operation: an OSS operation name, or "*" for every one
 * fault   = "status=" 3digit ["/" ErrorCode]         the operation does not run; an OSS error is answered
 *         | "latency=" integer ("ms" | "s")          the operation runs after this delay
 *         | "reset"                                  the operation does not run; the socket is closed (RST)
 *         | "truncate"                               the operation runs; half its response is sent, then FIN
 * trigger = "nth=" integer | "from=" integer | "fraction=" decimal     (default: every call)
 * </pre>
 */
public final class Faults {
    /** The error codes OSS answers with a bare status, for {@code status=N} without a code. */
    private static final Map<Integer, String> DEFAULT_CODES = Map.of(400, "InvalidArgument", 403, "AccessDenied",
            404, "NoSuchKey", 412, "PreconditionFailed", 500, "InternalError",
            503, "ServiceUnavailable");
    static final String ANY_OPERATION = "*";

    private static final Faults NONE = new Faults(Collections.emptyList(), 0);

    private final List<Rule> rules;
    private final long seed;

    private Faults(List<Rule> rules, long seed) {
        this.rules = Collections.unmodifiableList(new ArrayList<>(rules));
        this.seed = seed;
    }

    public static Faults none() {
        return NONE;
    }

    /**
     * Parses a spec (see the class comment), e.g.
     * {@code CopyObject:status=503:nth=1,HeadObject:latency=200ms:fraction=0.1;seed=42}.
     *
     * @throws IllegalArgumentException naming the rule and the part that is wrong
     */
    public static Faults parse(String spec) {
        String text = spec.trim();
        long seed = 0;
        int semicolon = text.indexOf(';');
        if (semicolon >= 0) {
            String seedPart = text.substring(semicolon + 1).trim();
            if (!seedPart.startsWith("seed=")) {
                throw new IllegalArgumentException("after ';' expected seed=<integer>, not \"" + seedPart + "\"");
            }
            seed = number(seedPart.substring("seed=".length()), "seed", seedPart);
            text = text.substring(0, semicolon).trim();
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException("no fault rules in \"" + spec + "\": expected operation:fault[:trigger]");
        }
        List<Rule> rules = new ArrayList<>();
        for (String rule : text.split(",", -1)) {
            rules.add(Rule.parse(rule.trim(), rules.size() + 1));
        }
        return new Faults(rules, seed);
    }

    List<Rule> rules() {
        return rules;
    }

    long seed() {
        return seed;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Faults && rules.equals(((Faults) o).rules) && seed == ((Faults) o).seed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(rules, seed);
    }

    /** The spec in canonical form; {@code parse(toString())} equals this. */
    @Override
    public String toString() {
        return rules.stream().map(Rule::toString).collect(Collectors.joining(",")) + ";seed=" + seed;
    }

    private static long number(String value, String what, String part) {
        try {
            long n = Long.parseLong(value.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(what + " must be a whole number (0 or more) in \"" + part + "\"");
    }

    /** What a rule does when it fires. */
    enum Kind {
        STATUS, LATENCY, RESET, TRUNCATE
    }

    /** When a rule fires, by the call count of its operation (from 1). */
    enum Trigger {
        EVERY, NTH, FROM, FRACTION
    }

    /** One rule: operation, fault and trigger. */
    static final class Rule {
        private final String operation;
        private final Kind kind;
        private final int status;
        private final String code;
        private final Duration latency;
        private final Trigger trigger;
        private final long n;
        private final double fraction;

        private Rule(String operation, Kind kind, int status, String code, Duration latency, Trigger trigger, long n,
                double fraction) {
            this.operation = operation;
            this.kind = kind;
            this.status = status;
            this.code = code;
            this.latency = latency;
            this.trigger = trigger;
            this.n = n;
            this.fraction = fraction;
        }

        static Rule parse(String rule, int index) {
            String where = "fault rule " + index + " \"" + rule + "\": ";
            String[] parts = rule.split(":", -1);
            if (parts.length < 2 || parts.length > 3) {
                throw new IllegalArgumentException(where + "expected operation:fault[:trigger]");
            }
            String operation = parts[0].trim();
            if (!operation.equals(ANY_OPERATION) && !Router.OPERATIONS.contains(operation)) {
                throw new IllegalArgumentException(where + "unknown operation \"" + operation + "\"; expected * or"
                        + " one of " + Router.OPERATIONS);
            }
            String fault = parts[1].trim();
            Kind kind;
            int status = 0;
            String code = "";
            Duration latency = Duration.ZERO;
            if (fault.equals("reset")) {
                kind = Kind.RESET;
            } else if (fault.equals("truncate")) {
                kind = Kind.TRUNCATE;
            } else if (fault.startsWith("status=")) {
                kind = Kind.STATUS;
                String value = fault.substring("status=".length());
                int slash = value.indexOf('/');
                String digits = slash < 0 ? value : value.substring(0, slash);
                if (!digits.matches("[1-5][0-9][0-9]")) {
                    throw new IllegalArgumentException(where + "status must be an HTTP status (100-599), not \""
                            + digits + "\"");
                }
                status = Integer.parseInt(digits);
                if (slash >= 0) {
                    code = value.substring(slash + 1);
                    if (!code.matches("[A-Za-z][A-Za-z0-9.]*")) {
                        throw new IllegalArgumentException(where + "error code must be a word like AccessDenied,"
                                + " not \"" + code + "\"");
                    }
                } else {
                    code = Optional.ofNullable(DEFAULT_CODES.get(status)).orElseThrow(() ->
                            new IllegalArgumentException(where + "status " + status(fault) + " has no default OSS"
                                    + " error code; name one: status=" + status(fault) + "/ErrorCode"));
                }
            } else if (fault.startsWith("latency=")) {
                kind = Kind.LATENCY;
                latency = duration(fault.substring("latency=".length()), where);
            } else {
                throw new IllegalArgumentException(where + "unknown fault \"" + fault + "\"; expected status=N[/Code],"
                        + " latency=N(ms|s), reset or truncate");
            }
            Trigger trigger = Trigger.EVERY;
            long n = 0;
            double fraction = 1;
            if (parts.length == 3) {
                String t = parts[2].trim();
                if (t.startsWith("nth=") || t.startsWith("from=")) {
                    trigger = t.startsWith("nth=") ? Trigger.NTH : Trigger.FROM;
                    n = number(t.substring(t.indexOf('=') + 1), "the call number", t);
                    if (n < 1) {
                        throw new IllegalArgumentException(where + "calls are counted from 1, not " + n);
                    }
                } else if (t.startsWith("fraction=")) {
                    trigger = Trigger.FRACTION;
                    fraction = fraction(t.substring("fraction=".length()), where);
                } else {
                    throw new IllegalArgumentException(where + "unknown trigger \"" + t + "\"; expected nth=N, from=N"
                            + " or fraction=F");
                }
            }
            return new Rule(operation, kind, status, code, latency, trigger, n, fraction);
        }

        private static String status(String fault) {
            return fault.substring("status=".length());
        }

        private static Duration duration(String value, String where) {
            boolean millis = value.endsWith("ms");
            if (!millis && !value.endsWith("s")) {
                throw new IllegalArgumentException(where + "latency needs a unit, ms or s: \"" + value + "\"");
            }
            long amount = number(value.substring(0, value.length() - (millis ? 2 : 1)), "latency", value);
            return millis ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
        }

        private static double fraction(String value, String where) {
            try {
                double f = Double.parseDouble(value);
                if (f >= 0 && f <= 1) {
                    return f;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(where + "fraction must be a number from 0 to 1, not \"" + value + "\"");
        }

        boolean covers(String operationName) {
            return operation.equals(ANY_OPERATION) || operation.equals(operationName);
        }

        /** Whether the {@code call}th call (from 1) fires; {@code draw} is this call's uniform number in [0, 1). */
        boolean fires(long call, double draw) {
            switch (trigger) {
                case EVERY:
                    return true;
                case NTH:
                    return call == n;
                case FROM:
                    return call >= n;
                default:
                    return draw < fraction;
            }
        }

        Kind kind() {
            return kind;
        }

        Duration latency() {
            return latency;
        }

        OssError error() {
            return new OssError(status, code, "Injected fault: " + this);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Rule && toString().equals(o.toString());
        }

        @Override
        public int hashCode() {
            return toString().hashCode();
        }

        @Override
        public String toString() {
            String fault;
            switch (kind) {
                case STATUS:
                    fault = "status=" + status + "/" + code;
                    break;
                case LATENCY:
                    fault = "latency=" + latency.toMillis() + "ms";
                    break;
                default:
                    fault = kind.name().toLowerCase(Locale.ROOT);
            }
            String when = trigger == Trigger.EVERY ? "" : ":" + trigger.name().toLowerCase(Locale.ROOT) + "="
                    + (trigger == Trigger.FRACTION ? String.valueOf(fraction) : String.valueOf(n));
            return operation + ":" + fault + when;
        }
    }
}
