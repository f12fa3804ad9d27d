package io.ossenforcer.cli;

import io.ossenforcer.canary.CanaryContent;
import io.ossenforcer.canary.CanaryPlan;
import io.ossenforcer.canary.CanaryPlanner;
import io.ossenforcer.canary.CanaryReport;
import io.ossenforcer.canary.CanaryResult;
import io.ossenforcer.canary.DeploymentVerifier;
import io.ossenforcer.canary.Ticker;
import io.ossenforcer.canary.VerificationRun;
import io.ossenforcer.json.Problems;
import io.ossenforcer.oss.SdkCanaryStore;
import io.ossenforcer.rules.RuleSet;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code verify-deployment}: proves in the user's own account that the deployed function enforces the rules, with
 * canary objects uploaded as applications upload, watched, judged and deleted.
 */
final class VerifyDeploymentCommand implements Command {
    static final int DEFAULT_TIMEOUT_SECONDS = 120;
    private static final int MAX_TIMEOUT_SECONDS = 3600;
    /** How long a stopped JVM waits for the canaries to be deleted. */
    private static final long CLEANUP_GRACE_SECONDS = 60;
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Ticker ticker;

    VerifyDeploymentCommand() {
        this(Ticker.system());
    }

    /** With the time the watch loop runs on, so tests do not wait for it. */
    VerifyDeploymentCommand(Ticker ticker) {
        this.ticker = ticker;
    }

    @Override
    public String name() {
        return "verify-deployment";
    }

    @Override
    public String summary() {
        return "prove the deployed function enforces the rules, with canary objects (run after s deploy)";
    }

    @Override
    public String help() {
        return "Usage: verify-deployment --rules FILE|oss://BUCKET/KEY [--bucket B]... [--prefix P]\n"
                + "                         [--timeout SECONDS] [--endpoint URL] [--region REGION] [--keep]\n\n"
                + "Run it after s deploy. For every rule of the rule buckets (or of each --bucket) it uploads small\n"
                + "canary objects as applications do: one without encryption and, where the rule demands more than\n"
                + "AES256, one with AES256; each with Content-Type, Content-Disposition, Cache-Control, user metadata\n"
                + "(one value non-ASCII), tags and an explicit private ACL. It then waits for the deployed trigger\n"
                + "to act, reading each canary with backoff, and checks it as the enforcer checks its own rewrite:\n"
                + "the encryption the rule demands (CMK id included), bytes (CRC64), headers, metadata, tags and ACL\n"
                + "kept. An audit rule's canary must end untouched. Each canary's exposure window is measured: from\n"
                + "its upload acknowledged to the first read showing it re-encrypted.\n\n"
                + "  --rules FILE|oss://BUCKET/KEY  the rules the function should be using\n"
                + "  --bucket B        only this rule bucket (repeatable); a bucket the rules do not name is refused\n"
                + "  --prefix P        where canaries go (default " + CanaryPlanner.DEFAULT_PREFIX + ");\n"
                + "                    a rule with a prefix gets them under its own prefix, and says so\n"
                + "  --timeout SECONDS how long to wait for the function (default " + DEFAULT_TIMEOUT_SECONDS
                + ")\n"
                + "  --keep            leave the canaries in place (default: every canary is deleted, every version\n"
                + "                    of it in a versioned bucket; no other object is ever touched)\n"
                + OssAccess.OPTIONS_HELP
                + "The identity needs docs/ram-policy-verify.json (uploads, reads and deletes of canaries only).\n\n"
                + "Output: a table per bucket and rule (expected, observed, window, verdict), the cause and fix of\n"
                + "each failure, then one JSON line per canary and one for the run. Progress goes to stderr.\n"
                + "Stopped with Ctrl-C, it deletes the canaries it uploaded before it exits.\n"
                + "Exit status: 0 every canary ended as its rule says and was cleaned up, 1 otherwise,\n"
                + "2 bad arguments or rules.\n";
    }

    @Override
    public int run(List<String> argv, Io io) throws UsageException {
        Args args = Args.parse(name(), argv, Set.of("rules", "bucket", "prefix", "timeout", "endpoint", "region"),
                Set.of("keep"));
        args.expectPositionals(name(), 0, "no positional arguments");
        String where = args.value(name(), "rules")
                .orElseThrow(() -> new UsageException(name() + ": --rules FILE|oss://BUCKET/KEY is required"));
        String prefix = args.value(name(), "prefix", VerifyDeploymentCommand::prefixProblem)
                .orElse(CanaryPlanner.DEFAULT_PREFIX);
        Duration timeout = Duration.ofSeconds(timeoutSeconds(args));
        RuleSet rules = OssAccess.loadRules(name(), where, args, io);
        List<String> buckets = List.copyOf(new LinkedHashSet<>(args.values(name(), "bucket").isEmpty()
                ? rules.buckets() : args.values(name(), "bucket")));
        CanaryPlan plan;
        try {
            plan = CanaryPlanner.plan(rules, buckets, prefix, runId());
        } catch (IllegalArgumentException e) {
            throw new UsageException(name() + ": refused: " + e.getMessage());
        }
        Thread worker = Thread.currentThread();
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl-C (or a TERM) interrupts the run, whose cleanup then deletes the canaries before the JVM exits.
        Thread onStop = new Thread(() -> {
            worker.interrupt();
            try {
                finished.await(CLEANUP_GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "verify-deployment-stop");
        Runtime.getRuntime().addShutdownHook(onStop);
        try (OssAccess oss = OssAccess.open(name(), args, io)) {
            io.err.println(name() + ": run " + plan.runId() + ", " + plan.canaries().size() + " canaries in "
                    + buckets + " at " + oss.endpoint());
            DeploymentVerifier verifier = new DeploymentVerifier(SdkCanaryStore.over(oss.connection()), ticker, timeout,
                    line -> io.err.println(name() + ": " + line));
            VerificationRun run = verifier.run(plan, CanaryContent.forRun(plan.runId()), args.flag("keep"));
            print(run, io);
            boolean cleanedUp = args.flag("keep") || run.leftovers().isEmpty();
            if (!cleanedUp) {
                io.out.println("FAIL: " + run.leftovers().size() + " canaries could not be deleted (left in place,"
                        + " above): delete them by hand");
            }
            return run.passed() && cleanedUp ? OK : FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            io.err.println(name() + ": stopped; " + (args.flag("keep") ? "with --keep the canaries stay: their keys"
                    + " contain " + prefix + plan.runId() + "/" : "the canaries uploaded were deleted"));
            return FAILED;
        } finally {
            finished.countDown();
            removeHook(onStop);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down and the hook is running: it ends once the cleanup has.
        }
    }

    private void print(VerificationRun run, Io io) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("BUCKET", "RULE", "CANARY", "EXPECTED", "OBSERVED", "WINDOW", "VERDICT"));
        List<CanaryResult> results = new ArrayList<>(run.results());
        results.sort((a, b) -> a.canary().bucket().equals(b.canary().bucket())
                ? Integer.compare(ruleIndex(run, a), ruleIndex(run, b))
                : a.canary().bucket().compareTo(b.canary().bucket()));
        for (CanaryResult r : results) {
            rows.add(List.of(r.canary().bucket(), r.canary().rule().id(), r.canary().kind().label(),
                    r.canary().expected(), r.observed(), window(r), verdict(r)));
        }
        io.out.print(Table.of(rows));
        results.stream().flatMap(r -> r.canary().placement().stream()).distinct()
                .forEach(p -> io.out.println("note: " + p));
        results.stream().filter(r -> r.finding() == CanaryResult.Finding.ENCRYPTED_ON_ARRIVAL).forEach(r -> io.out
                .println("note: oss://" + r.canary().bucket() + "/" + r.canary().key() + " was " + r.observed()
                        + " on arrival: the bucket's default encryption, not the function (it proves nothing about"
                        + " the function; OSS itself encrypts uploads without SSE headers here)"));
        run.plan().untestable().forEach(u -> io.out.println("UNTESTED: " + u));
        run.notes().forEach(n -> io.out.println("note: " + n));
        for (CanaryResult r : results) {
            if (!r.pass()) {
                io.out.println("\nFAIL oss://" + r.canary().bucket() + "/" + r.canary().key() + " (rule "
                        + r.canary().rule().id() + ", " + r.canary().kind().label() + ")");
                r.problems().forEach(p -> io.out.println("  - " + p));
                r.cause().ifPresent(c -> io.out.println("  likely cause: " + c));
                r.fix().ifPresent(f -> io.out.println("  fix: " + f));
            }
        }
        io.out.println();
        if (!run.removed().isEmpty()) {
            io.out.println("cleaned up " + run.removed().size() + " canaries: " + String.join(", ", run.removed()));
        }
        run.leftovers().forEach(l -> io.out.println("left in place: " + l));
        for (CanaryResult r : run.results()) {
            io.out.println(CanaryReport.line(run.plan().runId(), r));
        }
        io.out.println(CanaryReport.summary(run));
        long passed = run.results().stream().filter(CanaryResult::pass).count();
        String longest = run.results().stream().flatMap(r -> r.window().stream()).max(Duration::compareTo)
                .map(w -> String.format(Locale.ROOT, "; longest exposure window %.2f s", w.toMillis() / 1000.0))
                .orElse("");
        io.out.println(run.passed() ? "PASS: every canary ended as its rule says (" + passed + " of "
                + run.results().size() + ")" + longest : "FAIL: " + (run.results().size() - passed) + " of "
                + run.results().size() + " canaries did not end as their rule says"
                + (run.plan().untestable().isEmpty() ? "" : ", " + run.plan().untestable().size()
                        + " rules untested") + longest);
    }

    private static String verdict(CanaryResult r) {
        if (r.finding() == CanaryResult.Finding.ENCRYPTED_ON_ARRIVAL) {
            return "PASS (on arrival)";
        }
        return r.pass() ? "PASS" : "FAIL " + r.finding();
    }

    private static int ruleIndex(VerificationRun run, CanaryResult r) {
        return run.plan().canaries().indexOf(r.canary());
    }

    /** Between the last read that showed the canary as uploaded and the first that showed it re-encrypted. */
    private static String window(CanaryResult r) {
        return r.window().map(w -> String.format(Locale.ROOT, "%.2f-%.2f s",
                r.observation().unchangedAfter().toMillis() / 1000.0, w.toMillis() / 1000.0)).orElse("-");
    }

    private long timeoutSeconds(Args args) throws UsageException {
        Optional<String> value = args.value(name(), "timeout");
        if (value.isEmpty()) {
            return DEFAULT_TIMEOUT_SECONDS;
        }
        try {
            long seconds = Long.parseLong(value.get());
            if (seconds >= 1 && seconds <= MAX_TIMEOUT_SECONDS) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below, with the value
        }
        throw new UsageException(name() + ": --timeout must be a whole number of seconds from 1 to "
                + MAX_TIMEOUT_SECONDS + ", not " + Problems.quote(value.get()));
    }

    private static Optional<String> prefixProblem(String prefix) {
        return prefix.startsWith("/") ? Optional.of("must not start with /, OSS keys do not: "
                + Problems.quote(prefix)) : Optional.empty();
    }

    /** When the run started, and random hex: each run's keys are new, so no existing object is ever overwritten. */
    private static String runId() {
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        StringBuilder id = new StringBuilder(RUN_TIME.format(Instant.now())).append('-');
        for (byte b : random) {
            id.append(String.format("%02x", b));
        }
        return id.toString();
    }
}
