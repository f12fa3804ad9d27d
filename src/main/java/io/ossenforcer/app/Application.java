package io.ossenforcer.app;

import com.google.gson.JsonElement;
import io.ossenforcer.enforce.Enforcer;
import io.ossenforcer.enforce.ObjectStore;
import io.ossenforcer.enforce.ObjectStoreException;
import io.ossenforcer.enforce.Outcome;
import io.ossenforcer.event.EventFormatException;
import io.ossenforcer.event.EventParser;
import io.ossenforcer.event.EventRecord;
import io.ossenforcer.oss.AccessKey;
import io.ossenforcer.oss.ClientCache;
import io.ossenforcer.oss.OssClients;
import io.ossenforcer.oss.OssConnection;
import io.ossenforcer.rules.RuleSet;
import io.ossenforcer.sweep.Checkpoint;
import io.ossenforcer.sweep.CheckpointException;
import io.ossenforcer.sweep.CheckpointStore;
import io.ossenforcer.sweep.ObjectWork;
import io.ossenforcer.sweep.RateLimitedStore;
import io.ossenforcer.sweep.RateLimiter;
import io.ossenforcer.sweep.SliceState;
import io.ossenforcer.sweep.SweepException;
import io.ossenforcer.sweep.SweepOptions;
import io.ossenforcer.sweep.SweepRun;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The composition root: from the settings, the rules source, the SDK clients, the stores, the enforcer and the
 * sweeps. Both Function Compute handlers and the command line run the enforcer through here, so they cannot wire it
 * differently. One per instance (or per command); it keeps the clients and the rules for its whole life.
 */
public final class Application implements AutoCloseable {
    private final Settings settings;
    private final Map<String, String> env;
    private final Clock clock;
    private final ClientCache clients;
    private final RulesSource rules;
    private final OwnCopies ownCopies;
    /** Whether this instance has already logged the principal of a compliant copy, for OWN_PRINCIPAL_ID. */
    private boolean copyPrincipalNoted;

    private Application(Builder b) {
        this.settings = b.settings;
        this.env = Map.copyOf(b.env);
        this.clock = b.clock;
        this.clients = b.clients;
        this.ownCopies = OwnCopies.fromEnvironment(env);
        if (b.rules.isPresent()) {
            this.rules = new FixedRules(b.rules.get());
        } else if (settings.rulesUri().isPresent()) {
            OssUri uri = settings.rulesUri().get();
            this.rules = new ReloadingRules(uri, settings.rulesTtl(), clock,
                    key -> store(uri.bucket(), uri.key(), settings.defaultRegion(), Optional.of(key)));
        } else {
            this.rules = new FixedRules(settings.rulesFile());
        }
    }

    /**
     * What Function Compute runs: settings and fallback credentials from the environment.
     *
     * @throws IllegalArgumentException naming the variable that is wrong
     */
    public static Application fromEnvironment(Map<String, String> env) {
        return builder(Settings.fromEnvironment(env)).env(env).build();
    }

    public static Builder builder(Settings settings) {
        return new Builder(settings);
    }

    public Settings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    /** The credentials a caller brings (the function's role), or else the environment's AccessKey. */
    public Optional<AccessKey> credentials(Optional<AccessKey> given) {
        return given.isPresent() ? given : EnvironmentCredentials.of(env);
    }

    /**
     * The rules in force now; the first call loads them, so that an initializer can fail the instance on bad rules.
     *
     * @throws InvocationException when no usable rules can be had
     */
    public RuleSet rules(Optional<AccessKey> key) throws InvocationException {
        return rules.rules(credentials(key));
    }

    /** Parses an OSS trigger event (or CloudEvent) and enforces every record; see {@link #enforce}. */
    public Report enforceEvent(byte[] payload, Optional<AccessKey> key, String invocationId)
            throws InvocationException {
        List<EventRecord> records;
        try {
            records = EventParser.parse(payload);
        } catch (EventFormatException e) {
            OutcomeLog.error(invocationId, "bad event", e.getMessage());
            throw new InvocationException("bad event: " + e.getMessage());
        }
        return enforce(records, key, invocationId);
    }

    /** Enforces every record (all are tried, whatever happens to one) and logs one line per outcome. */
    public Report enforce(List<EventRecord> records, Optional<AccessKey> key, String invocationId)
            throws InvocationException {
        Optional<AccessKey> credentials = credentials(key);
        Enforcer enforcer = new Enforcer(rules.rules(credentials), record -> store(record.bucket(), record.key(),
                record.region().isPresent() ? record.region() : settings.defaultRegion(), credentials),
                settings.dryRun());
        List<Outcome> outcomes = new ArrayList<>(records.size());
        for (EventRecord record : records) {
            Optional<String> own = ownCopies.reasonToSkip(record);
            Outcome outcome = own.isPresent()
                    ? Outcome.skipped(record.bucket(), record.key(), record.eventName(), own.get())
                    : enforcer.enforce(record);
            noteCopyPrincipal(record, outcome, invocationId);
            OutcomeLog.outcome(invocationId, outcome);
            outcomes.add(outcome);
        }
        return new Report(outcomes);
    }

    /**
     * Without OWN_PRINCIPAL_ID, the enforcer's own copies are invoiced as a second run that finds them compliant.
     * Once per instance, name the principal of such a compliant copy so the operator can check it is the function's
     * role and configure it (docs/OPERATIONS.md, "Costs").
     */
    private synchronized void noteCopyPrincipal(EventRecord record, Outcome outcome, String invocationId) {
        if (copyPrincipalNoted || !ownCopies.isEmpty() || outcome.kind() != Outcome.Kind.COMPLIANT
                || !record.eventName().equals("ObjectCreated:CopyObject") || record.principalId().isEmpty()) {
            return;
        }
        copyPrincipalNoted = true;
        OutcomeLog.note(invocationId, "compliant copy", "oss://" + record.bucket() + "/" + record.key()
                + " was already compliant on the CopyObject event of principal " + record.principalId().get()
                + "; if that is this function's role, set " + OwnCopies.OWN_PRINCIPAL_ID + " to it so the"
                + " function's own copies end before any request");
    }

    /**
     * The sweep function's request (docs/SWEEP.md): sweeps one slice of a bucket until it is done or
     * {@code stopTakingWorkAt}, resuming from and saving to the slice's checkpoint object, and answers where the
     * slice stands. Running out of time is success (the next invocation continues); a sweep that fails is an
     * invocation failure, so that a retry resumes it.
     */
    public String sweepSlice(byte[] payload, Optional<AccessKey> key, Optional<Instant> stopTakingWorkAt,
            String invocationId) throws InvocationException {
        Optional<AccessKey> credentials = credentials(key);
        JsonElement root;
        try {
            root = EventParser.tree(payload);
        } catch (EventFormatException e) {
            OutcomeLog.error(invocationId, "bad sweep request", e.getMessage());
            throw new InvocationException("bad sweep request: " + e.getMessage());
        }
        RuleSet ruleSet = rules.rules(credentials);
        SweepRequest request = SweepRequest.parse(root, ruleSet);
        Optional<String> region = settings.defaultRegion();
        if (credentials.isEmpty() || region.isEmpty()) {
            throw new InvocationException("cannot sweep: " + (credentials.isEmpty() ? "no credentials (give the"
                    + " function a RAM role, or set " + EnvironmentCredentials.ACCESS_KEY_ID + " and "
                    + EnvironmentCredentials.ACCESS_KEY_SECRET + ")" : Settings.FC_REGION + " is not set"));
        }
        OssConnection oss;
        try {
            oss = clients.connection(endpoint(region.get()), region.get(), credentials.get());
        } catch (IllegalArgumentException e) {
            throw new InvocationException("cannot sweep: " + e.getMessage());
        }
        boolean dryRun = request.dryRun || settings.dryRun();
        RateLimiter limiter = request.maxRps.isPresent() ? RateLimiter.perSecond(request.maxRps.getAsDouble())
                : RateLimiter.unlimited();
        SweepOptions options = SweepOptions.defaults().withConcurrency(request.concurrency).withLimiter(limiter);
        if (stopTakingWorkAt.isPresent()) {
            options = options.withStopTakingWorkAt(stopTakingWorkAt.get());
        }
        CheckpointStore checkpoints = oss.checkpoints(request.checkpointBucket, request.checkpointKey());
        Checkpoint fresh = new Checkpoint(dryRun, List.of(SliceState.start(request.bucket, request.prefix,
                request.range())));
        Checkpoint start;
        try {
            start = checkpoints.load().orElse(fresh);
        } catch (CheckpointException e) {
            throw new InvocationException("cannot sweep: " + e.getMessage());
        }
        Optional<String> mismatch = fresh.mismatch(start);
        if (mismatch.isPresent()) {
            throw new InvocationException("cannot sweep: checkpoint " + checkpoints.describe()
                    + " belongs to another sweep: " + mismatch.get() + "; give this sweep another name");
        }
        SweepRun run = sweepRun(oss, ruleSet, dryRun, options, checkpoints,
                outcome -> OutcomeLog.outcome(invocationId, outcome));
        try {
            return SweepAnswer.json(request, checkpoints.describe(), run.run(start));
        } catch (SweepException e) {
            OutcomeLog.error(invocationId, "sweep failed", e.getMessage());
            throw new InvocationException("sweep of " + request + " failed (a retry resumes from "
                    + checkpoints.describe() + "): " + e.getMessage());
        }
    }

    /**
     * A sweep of existing objects through the trigger path's own enforcer: every request, listing included, takes its
     * turn from the options' rate limiter, and the sweep keeps time by this application's clock. {@code report}
     * receives the outcomes worth reporting ({@link SweepRun#reportable}).
     */
    public SweepRun sweepRun(OssConnection oss, RuleSet ruleSet, boolean dryRun, SweepOptions options,
            CheckpointStore checkpoints, Consumer<Outcome> report) {
        ObjectStore store = new RateLimitedStore(oss.store(settings.copyLimits()), options.limiter());
        Enforcer enforcer = new Enforcer(ruleSet, record -> store, dryRun);
        return new SweepRun(oss.listing(), ObjectWork.of(enforcer), options.withClock(clock), checkpoints, report);
    }

    private String endpoint(String region) {
        return settings.endpoint().orElseGet(() -> OssClients.internalEndpoint(region));
    }

    /** A store for {@code bucket} in {@code region}: the configured endpoint, or the region's internal one. */
    private ObjectStore store(String bucket, String key, Optional<String> region, Optional<AccessKey> credentials)
            throws ObjectStoreException {
        if (region.isEmpty()) {
            throw configProblem(bucket, key, "no region: the event names none and " + Settings.FC_REGION
                    + " is not set");
        }
        if (credentials.isEmpty()) {
            throw configProblem(bucket, key, "no credentials: give the function a RAM role (on FC) or set "
                    + EnvironmentCredentials.ACCESS_KEY_ID + " and " + EnvironmentCredentials.ACCESS_KEY_SECRET);
        }
        try {
            return clients.connection(endpoint(region.get()), region.get(), credentials.get())
                    .store(settings.copyLimits());
        } catch (IllegalArgumentException e) {
            throw configProblem(bucket, key, e.getMessage());
        }
    }

    private static ObjectStoreException configProblem(String bucket, String key, String message) {
        return new ObjectStoreException(ObjectStoreException.Kind.PERMANENT, bucket, key, Optional.empty(),
                Optional.empty(), message, null);
    }

    /** Releases the SDK clients' connection pools (the CLI calls this; FC simply freezes the instance). */
    @Override
    public void close() {
        clients.close();
    }

    /** Settings are required; the rest has defaults: no environment, the system clock, fresh clients. */
    public static final class Builder {
        private final Settings settings;
        private Map<String, String> env = Map.of();
        private Clock clock = Clock.systemUTC();
        private ClientCache clients = new ClientCache();
        private Optional<RuleSet> rules = Optional.empty();

        private Builder(Settings settings) {
            this.settings = Objects.requireNonNull(settings);
        }

        /**
         * Supplies credentials when the caller brings none (the CLI, or a function without a role), and
         * {@code OWN_PRINCIPAL_ID}.
         */
        public Builder env(Map<String, String> value) {
            env = Objects.requireNonNull(value);
            return this;
        }

        /** Times the re-checks of rules kept in OSS and the sweeps' deadlines and checkpoints. */
        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value);
            return this;
        }

        /** Builds and keeps the SDK clients (tests see every client built, and for which endpoint). */
        public Builder clients(ClientCache value) {
            clients = Objects.requireNonNull(value);
            return this;
        }

        /** Rules already loaded (the demo, local-oss, audit and backfill): the settings' rules source is not read. */
        public Builder rules(RuleSet value) {
            rules = Optional.of(value);
            return this;
        }

        public Application build() {
            return new Application(this);
        }
    }
}
