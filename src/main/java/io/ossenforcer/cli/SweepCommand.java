package io.ossenforcer.cli;

import com.google.gson.JsonObject;
import io.ossenforcer.app.Application;
import io.ossenforcer.app.Report;
import io.ossenforcer.app.Settings;
import io.ossenforcer.enforce.ObjectListing;
import io.ossenforcer.enforce.Outcome;
import io.ossenforcer.oss.OssConnection;
import io.ossenforcer.rules.RuleSet;
import io.ossenforcer.sweep.Checkpoint;
import io.ossenforcer.sweep.CheckpointException;
import io.ossenforcer.sweep.CheckpointStore;
import io.ossenforcer.sweep.KeyRange;
import io.ossenforcer.sweep.ListingCount;
import io.ossenforcer.sweep.RateLimiter;
import io.ossenforcer.sweep.SliceState;
import io.ossenforcer.sweep.SweepException;
import io.ossenforcer.sweep.SweepOptions;
import io.ossenforcer.sweep.SweepRun;
import io.ossenforcer.sweep.Tally;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code audit} and {@code backfill}: the objects already in the rule buckets, listed page by page and put through
 * the trigger path's own enforcer. Audit changes nothing; backfill rewrites what falls short.
 */
final class SweepCommand implements Command {
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);

    private final boolean audit;

    private SweepCommand(boolean audit) {
        this.audit = audit;
    }

    static SweepCommand audit() {
        return new SweepCommand(true);
    }

    static SweepCommand backfill() {
        return new SweepCommand(false);
    }

    @Override
    public String name() {
        return audit ? "audit" : "backfill";
    }

    @Override
    public String summary() {
        return audit ? "list the rule buckets and report every object that falls short of its rule (changes nothing)"
                : "enforce the rules on the objects already in the rule buckets, resumably";
    }

    @Override
    public String help() {
        return "Usage: " + name() + " --rules FILE [--bucket B] [--prefix P] [--endpoint URL] [--region REGION]\n"
                + "       " + " ".repeat(name().length()) + " [--report FILE] [--concurrency N] [--max-rps R]"
                + " [--resume CHECKPOINT]" + (audit ? "" : " [--dry-run]") + "\n\n"
                + (audit
                        ? "Lists every object of the rule buckets, page by page, HEADs it and reports each one that\n"
                        + "does not satisfy its rule, with totals per bucket, rule, storage class and encryption.\n"
                        + "Changes nothing (it is backfill --dry-run).\n\n"
                        : "Lists every object of the rule buckets, page by page, and enforces its rule exactly as the\n"
                        + "trigger does: HEAD, conditional copy onto itself with the rule's encryption, HEAD again and\n"
                        + "verify. Transient failures and throttling are retried with backoff.\n\n")
                + "  --rules FILE          the rules (the same file the function deploys with)\n"
                + "  --bucket B            only this bucket (default: every bucket the rules name)\n"
                + "  --prefix P            only keys starting with P\n"
                + "  --endpoint URL        OSS endpoint (default: $" + Settings.OSS_ENDPOINT
                + ", else the public endpoint of the region)\n"
                + "  --region REGION       region for signing (default: $" + Settings.FC_REGION
                + ", else taken from the endpoint)\n"
                + "  --report FILE         one JSON line per object that falls short, was changed or failed\n"
                + "                        (default: stdout); appended to when resuming\n"
                + "  --concurrency N       objects worked on at once, 1.." + SweepOptions.MAX_CONCURRENCY
                + " (default " + SweepOptions.DEFAULT_CONCURRENCY + ", for 2 cores)\n"
                + "  --max-rps R           at most R OSS requests per second on average (default: no limit);\n"
                + "                        KMS calls are at most one per copy\n"
                + "  --resume CHECKPOINT   keep progress in this file; if it exists, continue where it stopped\n"
                + (audit ? "" : "  --dry-run             report what would change, change nothing\n")
                + "\nA progress line goes to stderr every second; the totals go to stdout as one JSON line at the\n"
                + "end. Interrupted (Ctrl-C, crash, lost network) and run again with the same --resume file, it\n"
                + "continues where it stopped; an object being worked on is looked at again and found compliant,\n"
                + "never copied twice.\n\n"
                + "Credentials: ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET and optionally\n"
                + "ALIBABA_CLOUD_SECURITY_TOKEN. The identity needs oss:ListObjects besides the function's actions.\n\n"
                + "Exit status: 0 done and nothing failed, 1 some object FAILED or the sweep stopped early,\n"
                + "2 bad arguments, rules or checkpoint.\n";
    }

    @Override
    public int run(List<String> argv, Io io) throws UsageException {
        Args args = Args.parse(name(), argv, Set.of("rules", "bucket", "prefix", "endpoint", "region", "report",
                "concurrency", "max-rps", "resume"), audit ? Set.of() : Set.of("dry-run"));
        args.expectPositionals(name(), 0, "no positional arguments");
        RuleSet rules = rules(args, io);
        List<String> buckets = buckets(args, rules);
        String prefix = args.value(name(), "prefix").orElse("");
        boolean dryRun = audit || args.flag("dry-run");
        SweepOptions options = SweepOptions.defaults().withConcurrency(concurrency(args));
        RateLimiter limiter = maxRps(args).map(RateLimiter::perSecond).orElseGet(RateLimiter::unlimited);
        options = options.withLimiter(limiter);

        List<SliceState> slices = new ArrayList<>();
        buckets.forEach(b -> slices.add(SliceState.start(b, prefix, KeyRange.ALL)));
        Checkpoint fresh = new Checkpoint(dryRun, slices);
        Optional<String> resume = args.value(name(), "resume");
        CheckpointStore store = resume.<CheckpointStore>map(f -> new FileCheckpointStore(Path.of(f)))
                .orElseGet(NoCheckpoint::new);
        Checkpoint start = startingPoint(store, fresh);
        boolean resuming = !start.equals(fresh);

        try (OssAccess oss = OssAccess.open(name(), args, io); PrintStream report = report(args, io, resuming)) {
            OssConnection connection = oss.connection();
            Application app = Application.builder(settings(io)).env(io.env).rules(rules).build();
            SweepRun sweep = app.sweepRun(connection, rules, dryRun, options, store, outcome -> {
                synchronized (report) {
                    report.println(Report.line(outcome));
                }
            });
            ObjectListing listing = connection.listing();
            io.err.println(name() + (dryRun && !audit ? " (dry run)" : "") + ": " + describe(start) + " at "
                    + oss.endpoint() + (resume.isPresent() ? ", checkpoint " + resume.get() + (resuming ? " (resuming)" : "")
                    : ", no --resume: an interrupted run starts over"));
            return sweep(sweep, start, listing, options, io, report);
        }
    }

    private int sweep(SweepRun sweep, Checkpoint start, ObjectListing listing, SweepOptions options, Io io,
            PrintStream report) {
        Progress progress = new Progress(name(), sweep, start, io.err);
        Thread counter = new Thread(() -> progress.countTotal(listing, options), name() + "-count");
        counter.setDaemon(true);
        counter.start();
        CountDownLatch finished = new CountDownLatch(1);
        Thread onCtrlC = new Thread(() -> {
            sweep.stop();
            try {
                finished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name() + "-shutdown");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name() + "-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(() -> progress.print(false), PROGRESS_EVERY.toMillis(), PROGRESS_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            return sweepAndReport(sweep, start, progress, counter, ticker, io, report);
        } finally {
            // Only now may a Ctrl-C let the JVM exit: the checkpoint is saved and the totals printed.
            finished.countDown();
            removeHook(onCtrlC);
        }
    }

    private int sweepAndReport(SweepRun sweep, Checkpoint start, Progress progress, Thread counter,
            ScheduledExecutorService ticker, Io io, PrintStream report) {
        Optional<Checkpoint> end = Optional.empty();
        String error = "";
        try {
            end = Optional.of(sweep.run(start));
        } catch (SweepException e) {
            error = e.getMessage();
        } finally {
            ticker.shutdownNow();
            progress.finished = true;
            joinQuietly(counter);
            report.flush();
            progress.print(true);
        }
        Tally totals = sweep.totals();
        boolean done = end.map(Checkpoint::done).orElse(false);
        JsonObject summary = new JsonObject();
        summary.addProperty("done", done);
        summary.add("totals", totals.toJson());
        io.out.println(summary); // compact, no HTML escaping, as the report file's lines
        if (!error.isEmpty()) {
            io.err.println(name() + ": " + error);
        } else if (!done) {
            io.err.println(name() + ": stopped before the end; run again with the same --resume file to continue");
        }
        return done && totals.count(Outcome.Kind.FAILED) == 0 ? OK : FAILED;
    }

    /** The counter stops at its next object once told; the client must outlive it. */
    private static void joinQuietly(Thread thread) {
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down (Ctrl-C): the hook is running and waits for us.
        }
    }

    private Checkpoint startingPoint(CheckpointStore store, Checkpoint fresh) throws UsageException {
        Optional<Checkpoint> saved;
        try {
            saved = store.load();
        } catch (CheckpointException e) {
            throw new UsageException(name() + ": --resume " + e.getMessage());
        }
        if (saved.isEmpty()) {
            return fresh;
        }
        Optional<String> mismatch = fresh.mismatch(saved.get());
        if (mismatch.isPresent()) {
            throw new UsageException(name() + ": --resume " + store.describe() + " belongs to another sweep: "
                    + mismatch.get() + "; give a new checkpoint file to start this one");
        }
        return saved.get();
    }

    private static String describe(Checkpoint checkpoint) {
        List<String> names = new ArrayList<>();
        checkpoint.slices().forEach(s -> names.add(s.describe() + (s.done() ? " (done)" : "")));
        return String.join(", ", names);
    }

    private PrintStream report(Args args, Io io, boolean append) throws UsageException {
        Optional<String> file = args.value(name(), "report");
        if (file.isEmpty()) {
            return new PrintStream(new NonClosing(io.out), false, StandardCharsets.UTF_8);
        }
        try {
            return new PrintStream(new FileOutputStream(file.get(), append), false, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException(name() + ": --report " + file.get() + ": cannot write: " + e.getMessage());
        }
    }

    /** The environment's settings (copy limits, dry run); the rules are the command's own. */
    private Settings settings(Io io) throws UsageException {
        try {
            return Settings.fromEnvironment(io.env);
        } catch (IllegalArgumentException e) {
            throw new UsageException(name() + ": " + e.getMessage());
        }
    }

    private RuleSet rules(Args args, Io io) throws UsageException {
        String file = args.value(name(), "rules")
                .orElseThrow(() -> new UsageException(name() + ": --rules FILE is required"));
        return OssAccess.loadRules(name(), file, args, io);
    }

    private List<String> buckets(Args args, RuleSet rules) throws UsageException {
        Optional<String> bucket = args.value(name(), "bucket");
        if (bucket.isEmpty()) {
            return List.copyOf(rules.buckets());
        }
        if (!rules.namesBucket(bucket.get())) {
            throw new UsageException(name() + ": --bucket " + bucket.get() + " is not named in " + rules.source()
                    + " (it names " + String.join(", ", rules.buckets()) + "); a sweep never touches other buckets");
        }
        return List.of(bucket.get());
    }

    private int concurrency(Args args) throws UsageException {
        Optional<String> value = args.value(name(), "concurrency");
        if (value.isEmpty()) {
            return SweepOptions.DEFAULT_CONCURRENCY;
        }
        try {
            int n = Integer.parseInt(value.get());
            if (n >= 1 && n <= SweepOptions.MAX_CONCURRENCY) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(name() + ": --concurrency must be a whole number from 1 to "
                + SweepOptions.MAX_CONCURRENCY + ", not \"" + value.get() + "\"");
    }

    private Optional<Double> maxRps(Args args) throws UsageException {
        Optional<String> value = args.value(name(), "max-rps");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            double rate = Double.parseDouble(value.get());
            if (rate > 0 && rate <= 1_000_000 && !value.get().matches(".*[a-zA-Z].*")) {
                return Optional.of(rate);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(name() + ": --max-rps must be a positive number of requests per second (at most"
                + " 1000000), not \"" + value.get() + "\"");
    }

    /** Without --resume nothing is kept: an interrupted run starts over. */
    private static final class NoCheckpoint implements CheckpointStore {
        @Override
        public Optional<Checkpoint> load() {
            return Optional.empty();
        }

        @Override
        public void save(Checkpoint checkpoint) {
        }

        @Override
        public String describe() {
            return "(no checkpoint)";
        }
    }

    /** Lets the report close its stream without closing stdout. */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /** The live progress line: counts, rate, elapsed, and an ETA once the listing count is known. */
    private static final class Progress {
        private final String command;
        private final SweepRun sweep;
        private final PrintStream err;
        private final long startNanos = System.nanoTime();
        private final long objectsAtStart;
        private final AtomicLong total = new AtomicLong(-1);
        private final List<SliceState> slices;
        private volatile boolean finished;

        Progress(String command, SweepRun sweep, Checkpoint start, PrintStream err) {
            this.command = command;
            this.sweep = sweep;
            this.err = err;
            this.slices = start.slices();
            long done = 0;
            for (SliceState s : start.slices()) {
                done += s.tally().objects();
            }
            this.objectsAtStart = done;
        }

        void countTotal(ObjectListing listing, SweepOptions options) {
            try {
                long remaining = 0;
                for (SliceState slice : slices) {
                    OptionalLong count = ListingCount.remaining(listing, slice, options, () -> finished);
                    if (count.isEmpty()) {
                        return;
                    }
                    remaining += count.getAsLong();
                }
                total.set(objectsAtStart + remaining);
            } catch (SweepException | InterruptedException e) {
                // No total, no ETA: the sweep itself reports listing failures.
            }
        }

        synchronized void print(boolean last) {
            if (finished && !last) {
                return; // a tick that raced the end: the last line is the final one
            }
            Tally t = sweep.totals();
            double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
            double rate = (t.objects() - objectsAtStart) / seconds;
            long known = total.get();
            String eta = known >= 0 && rate > 0 && !last
                    ? " ETA " + clock((long) (Math.max(0, known - t.objects()) / rate)) : "";
            err.println(String.format(Locale.ROOT, "%s: %d%s scanned, %d encrypted, %d would encrypt, %d compliant,"
                    + " %d skipped, %d failed, %.1f objects/s, elapsed %s%s", command, t.objects(),
                    known >= 0 ? "/" + known : "", t.count(Outcome.Kind.ENCRYPTED),
                    t.count(Outcome.Kind.WOULD_ENCRYPT), t.count(Outcome.Kind.COMPLIANT),
                    t.count(Outcome.Kind.SKIPPED), t.count(Outcome.Kind.FAILED), rate, clock((long) seconds), eta));
        }

        private static String clock(long seconds) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
        }
    }
}
