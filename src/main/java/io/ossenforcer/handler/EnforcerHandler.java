package io.ossenforcer.handler;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.Credentials;
import com.aliyun.fc.runtime.FunctionInitializer;
import com.aliyun.fc.runtime.StreamRequestHandler;
import io.ossenforcer.enforce.Enforcer;
import io.ossenforcer.enforce.ObjectStore;
import io.ossenforcer.enforce.ObjectStoreException;
import io.ossenforcer.enforce.Outcome;
import io.ossenforcer.event.EventFormatException;
import io.ossenforcer.event.EventParser;
import io.ossenforcer.event.EventRecord;
import io.ossenforcer.oss.AccessKey;
import io.ossenforcer.oss.CopyLimits;
import io.ossenforcer.oss.OssClients;
import io.ossenforcer.oss.SdkObjectStore;
import io.ossenforcer.rules.RuleSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

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
    private final ClientCache clients = new ClientCache();
    private final RulesSource rules;
    private final CopyLimits copyLimits;

    /** Used by Function Compute. */
    public EnforcerHandler() {
        this(Settings.fromEnvironment(System.getenv()), System.getenv());
    }

    /** {@code env} supplies credentials when the context has none (the CLI, or a function without a role). */
    public EnforcerHandler(Settings settings, Map<String, String> env) {
        this(settings, env, Clock.systemUTC());
    }

    /** {@code clock} times the re-checks of rules kept in OSS. */
    EnforcerHandler(Settings settings, Map<String, String> env, Clock clock) {
        this(settings, env, clock, CopyLimits.oss());
    }

    /** {@code copyLimits} lowered, so tests reach the multipart rewrite with small objects. */
    EnforcerHandler(Settings settings, Map<String, String> env, Clock clock, CopyLimits copyLimits) {
        this.settings = Objects.requireNonNull(settings);
        this.env = Map.copyOf(env);
        this.copyLimits = Objects.requireNonNull(copyLimits);
        this.rules = settings.rulesUri()
                .<RulesSource>map(uri -> new ReloadingRules(uri, settings.rulesTtl(), clock,
                        key -> store(uri.bucket(), uri.key(), settings.defaultRegion(), Optional.of(key))))
                .orElseGet(() -> new FixedRules(settings.rulesFile()));
    }

    /** With rules already loaded (the demo and local-oss); the settings' rules source is then not read. */
    public EnforcerHandler(RuleSet rules, Settings settings, Map<String, String> env) {
        this.settings = Objects.requireNonNull(settings);
        this.env = Map.copyOf(env);
        this.rules = new FixedRules(rules);
        this.copyLimits = CopyLimits.oss();
    }

    /** Loads the rules once per instance so that bad rules fail the instance start, not every event. */
    @Override
    public void initialize(Context context) throws IOException {
        rules.rules(credentialsOf(context));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String invocationId = Optional.ofNullable(context).map(Context::getRequestId).orElse("local");
        List<EventRecord> records;
        try {
            records = EventParser.parse(input.readAllBytes());
        } catch (EventFormatException e) {
            OutcomeLog.error(invocationId, "bad event", e.getMessage());
            throw new InvocationException("bad event: " + e.getMessage());
        }
        Report report = handle(records, credentialsOf(context), invocationId);
        output.write(report.toJson().getBytes(StandardCharsets.UTF_8));
        output.flush();
        if (report.anyRetryable()) {
            throw new InvocationException("failing the invocation so Function Compute retries it; retryable: "
                    + report.outcomes().stream().filter(Outcome::retryable)
                            .map(o -> "oss://" + o.bucket() + "/" + o.key() + ": " + o.reason())
                            .collect(Collectors.joining("; ")));
        }
    }

    /** Enforces every record (all are tried, whatever happens to one) and logs one line per outcome. */
    public Report handle(List<EventRecord> records, Optional<AccessKey> key, String invocationId)
            throws InvocationException {
        Enforcer enforcer = new Enforcer(rules.rules(key), record -> store(record.bucket(), record.key(),
                record.region().or(settings::defaultRegion), key), settings.dryRun());
        List<Outcome> outcomes = new ArrayList<>(records.size());
        for (EventRecord record : records) {
            Outcome outcome = enforcer.enforce(record);
            OutcomeLog.outcome(invocationId, outcome);
            outcomes.add(outcome);
        }
        return new Report(outcomes);
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
            String endpoint = settings.endpoint().orElseGet(() -> OssClients.internalEndpoint(region.get()));
            return new SdkObjectStore(clients.client(endpoint, region.get(), credentials.get()), copyLimits);
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
        Optional<Credentials> fromContext = Optional.ofNullable(context).map(Context::getExecutionCredentials)
                .filter(c -> notBlank(c.getAccessKeyId()) && notBlank(c.getAccessKeySecret()));
        if (fromContext.isPresent()) {
            Credentials c = fromContext.get();
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
