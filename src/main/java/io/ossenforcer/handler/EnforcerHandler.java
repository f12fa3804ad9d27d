package io.ossenforcer.handler;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.Credentials;
import com.aliyun.fc.runtime.FunctionParam;
import com.aliyun.fc.runtime.FunctionInitializer;
import com.aliyun.fc.runtime.StreamRequestHandler;
import com.aliyun.oss.OSS;
import com.google.gson.JsonElement;
import io.ossenforcer.enforce.Enforcer;
import io.ossenforcer.enforce.ObjectStore;
import io.ossenforcer.enforce.ObjectStoreException;
import io.ossenforcer.enforce.Outcome;
import io.ossenforcer.event.EventFormatException;
import io.ossenforcer.event.EventParser;
import io.ossenforcer.event.EventRecord;
import io.ossenforcer.oss.AccessKey;
import io.ossenforcer.oss.OssCheckpointStore;
import io.ossenforcer.oss.OssClients;
import io.ossenforcer.oss.SdkObjectListing;
import io.ossenforcer.oss.SdkObjectStore;
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
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The Function Compute entry point: {@code io.ossenforcer.handler.EnforcerHandler::handleRequest}, with
 * {@code ::initialize} as the instance initializer. Reads an OSS trigger event, enforces every record, writes the JSON
 * report, and fails the invocation only when a retry may help (or the event or rules are unusable).
 */
public final class EnforcerHandler implements StreamRequestHandler, FunctionInitializer {
    static final String ACCESS_KEY_ID = "ALIBABA_CLOUD_ACCESS_KEY_ID";
    static final String ACCESS_KEY_SECRET = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
    static final String SECURITY_TOKEN = "ALIBABA_CLOUD_SECURITY_TOKEN";

    private final Settings settings;
    private final Map<String, String> env;
    private final ClientCache clients;
    private final RulesSource rules;

    /** Used by Function Compute. */
    public EnforcerHandler() {
        this(Settings.fromEnvironment(System.getenv()), System.getenv());
    }

    /** {@code env} supplies credentials when the context has none (the CLI, or a function without a role). */
    public EnforcerHandler(Settings settings, Map<String, String> env) {
        this(settings, env, Clock.systemUTC(), new ClientCache());
    }

    /**
     * {@code clock} times the re-checks of rules kept in OSS; {@code clients} builds and keeps the SDK clients (tests
     * see every client the handler builds, and for which endpoint).
     */
    EnforcerHandler(Settings settings, Map<String, String> env, Clock clock, ClientCache clients) {
        this.settings = Objects.requireNonNull(settings);
        this.env = Map.copyOf(env);
        this.clients = Objects.requireNonNull(clients);
        if (settings.rulesUri().isPresent()) {
            OssUri uri = settings.rulesUri().get();
            this.rules = new ReloadingRules(uri, settings.rulesTtl(), clock,
                    key -> store(uri.bucket(), uri.key(), settings.defaultRegion(), Optional.of(key)));
        } else {
            this.rules = new FixedRules(settings.rulesFile());
        }
    }

    /** With rules already loaded (the demo and local-oss); the settings' rules source is then not read. */
    public EnforcerHandler(RuleSet rules, Settings settings, Map<String, String> env) {
        this.settings = Objects.requireNonNull(settings);
        this.env = Map.copyOf(env);
        this.clients = new ClientCache();
        this.rules = new FixedRules(rules);
    }

    /** Loads the rules once per instance so that bad rules fail the instance start, not every event. */
    @Override
    public void initialize(Context context) throws IOException {
        rules.rules(credentialsOf(context));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String requestId = context == null ? null : context.getRequestId();
        String invocationId = requestId == null ? "local" : requestId;
        byte[] payload = input.readAllBytes();
        List<EventRecord> records;
        try {
            // One strict read of the payload serves both the sweep check and the event.
            JsonElement root = EventParser.tree(payload);
            if (SweepRequest.isSweep(root)) {
                Optional<AccessKey> key = credentialsOf(context);
                String answer = sweep(SweepRequest.parse(root, rules.rules(key)), key, context, invocationId);
                output.write(answer.getBytes(StandardCharsets.UTF_8));
                output.flush();
                return;
            }
            records = EventParser.parse(root);
        } catch (EventFormatException e) {
            OutcomeLog.error(invocationId, "bad event", e.getMessage());
            throw new InvocationException("bad event: " + e.getMessage());
        }
        Report report = handle(records, credentialsOf(context), invocationId);
        output.write(report.toJson().getBytes(StandardCharsets.UTF_8));
        output.flush();
        if (report.anyRetryable()) {
            StringJoiner retryable = new StringJoiner("; ");
            for (Outcome o : report.outcomes()) {
                if (o.retryable()) {
                    retryable.add("oss://" + o.bucket() + "/" + o.key() + ": " + o.reason());
                }
            }
            throw new InvocationException("failing the invocation so Function Compute retries it; retryable: "
                    + retryable);
        }
    }

    /** Enforces every record (all are tried, whatever happens to one) and logs one line per outcome. */
    public Report handle(List<EventRecord> records, Optional<AccessKey> key, String invocationId)
            throws InvocationException {
        Enforcer enforcer = new Enforcer(rules.rules(key), record -> store(record.bucket(), record.key(),
                record.region().isPresent() ? record.region() : settings.defaultRegion(), key), settings.dryRun());
        List<Outcome> outcomes = new ArrayList<>(records.size());
        for (EventRecord record : records) {
            Outcome outcome = enforcer.enforce(record);
            OutcomeLog.outcome(invocationId, outcome);
            outcomes.add(outcome);
        }
        return new Report(outcomes);
    }

    /**
     * Sweeps one slice of a bucket until it is done or the function's time is nearly up, resuming from and saving
     * to the slice's checkpoint object. Running out of time is success (the next invocation continues); a sweep that
     * fails is an invocation failure, so that FC's retry resumes it.
     */
    private String sweep(SweepRequest request, Optional<AccessKey> key, Context context, String invocationId)
            throws InvocationException {
        Optional<String> region = settings.defaultRegion();
        if (key.isEmpty() || region.isEmpty()) {
            throw new InvocationException("cannot sweep: " + (key.isEmpty() ? "no credentials (give the function a"
                    + " RAM role, or set " + ACCESS_KEY_ID + " and " + ACCESS_KEY_SECRET + ")"
                    : Settings.FC_REGION + " is not set"));
        }
        OSS client;
        try {
            String endpoint = settings.endpoint().orElseGet(() -> OssClients.internalEndpoint(region.get()));
            client = clients.client(endpoint, region.get(), key.get());
        } catch (IllegalArgumentException e) {
            throw new InvocationException("cannot sweep: " + e.getMessage());
        }
        boolean dryRun = request.dryRun || settings.dryRun();
        RateLimiter limiter = request.maxRps.isPresent() ? RateLimiter.perSecond(request.maxRps.getAsDouble())
                : RateLimiter.unlimited();
        ObjectStore store = new RateLimitedStore(new SdkObjectStore(client), limiter);
        SweepOptions options = SweepOptions.defaults().withConcurrency(request.concurrency).withLimiter(limiter);
        Optional<Instant> stopAt = stopTakingWorkAt(context);
        if (stopAt.isPresent()) {
            options = options.withStopTakingWorkAt(stopAt.get());
        }
        CheckpointStore checkpoints = new OssCheckpointStore(client, request.checkpointBucket,
                request.checkpointKey());
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
        SweepRun run = new SweepRun(new SdkObjectListing(client),
                ObjectWork.of(new Enforcer(rules.rules(key), record -> store, dryRun)), options, checkpoints,
                outcome -> OutcomeLog.outcome(invocationId, outcome));
        Checkpoint end;
        try {
            end = run.run(start);
        } catch (SweepException e) {
            OutcomeLog.error(invocationId, "sweep failed", e.getMessage());
            throw new InvocationException("sweep of " + request + " failed (a retry resumes from "
                    + checkpoints.describe() + "): " + e.getMessage());
        }
        return SweepAnswer.json(request, checkpoints.describe(), end);
    }

    /**
     * Leaves a quarter of the function's time limit (at most a minute) for the objects in flight to finish and the
     * checkpoint to be saved. Without a limit (the command line) the slice is swept to its end.
     */
    static Optional<Instant> stopTakingWorkAt(Context context) {
        Optional<Integer> limitMillis = Optional.ofNullable(context).map(Context::getFunctionParam)
                .map(FunctionParam::getExecTimeLimitInMillis).filter(ms -> ms > 0);
        return limitMillis.map(ms -> {
            Duration limit = Duration.ofMillis(ms);
            Duration margin = limit.dividedBy(4).compareTo(Duration.ofMinutes(1)) < 0 ? limit.dividedBy(4)
                    : Duration.ofMinutes(1);
            return Instant.now().plus(limit).minus(margin);
        });
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
                    + ACCESS_KEY_ID + " and " + ACCESS_KEY_SECRET);
        }
        try {
            String endpoint = settings.endpoint().isPresent() ? settings.endpoint().get()
                    : OssClients.internalEndpoint(region.get());
            return new SdkObjectStore(clients.client(endpoint, region.get(), credentials.get()), settings.copyLimits());
        } catch (IllegalArgumentException e) {
            throw configProblem(bucket, key, e.getMessage());
        }
    }

    private static ObjectStoreException configProblem(String bucket, String key, String message) {
        return new ObjectStoreException(ObjectStoreException.Kind.PERMANENT, bucket, key, Optional.empty(),
                Optional.empty(), message, null);
    }

    /** STS credentials of the function's role; the environment's AccessKey when the context carries none. */
    Optional<AccessKey> credentialsOf(Context context) {
        Credentials c = context == null ? null : context.getExecutionCredentials();
        if (c != null && notBlank(c.getAccessKeyId()) && notBlank(c.getAccessKeySecret())) {
            return Optional.of(new AccessKey(c.getAccessKeyId(), c.getAccessKeySecret(),
                    Optional.ofNullable(c.getSecurityToken())));
        }
        return environmentCredentials(env);
    }

    /** {@code ALIBABA_CLOUD_ACCESS_KEY_ID}, {@code _SECRET} and optional {@code _SECURITY_TOKEN}. */
    public static Optional<AccessKey> environmentCredentials(Map<String, String> env) {
        String id = env.get(ACCESS_KEY_ID);
        String secret = env.get(ACCESS_KEY_SECRET);
        if (!notBlank(id) || !notBlank(secret)) {
            return Optional.empty();
        }
        return Optional.of(new AccessKey(id, secret, Optional.ofNullable(env.get(SECURITY_TOKEN))));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    /** Releases the SDK clients' connection pools (the CLI calls this; FC simply freezes the instance). */
    public void close() {
        clients.close();
    }
}
