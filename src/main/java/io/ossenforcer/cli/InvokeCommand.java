package io.ossenforcer.cli;

import io.ossenforcer.app.Application;
import io.ossenforcer.app.InvocationException;
import io.ossenforcer.app.Report;
import io.ossenforcer.app.Settings;
import io.ossenforcer.event.EventFormatException;
import io.ossenforcer.event.EventParser;
import io.ossenforcer.event.EventRecord;
import io.ossenforcer.oss.AccessKey;
import io.ossenforcer.oss.OssClients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** {@code invoke --event FILE|-}: what the upload function does with that event, run here. */
final class InvokeCommand implements Command {
    @Override
    public String name() {
        return "invoke";
    }

    @Override
    public String summary() {
        return "run the function's handler on one event file (locally, against OSS or local-oss)";
    }

    @Override
    public String help() {
        return "Usage: invoke --event FILE|- [--rules FILE] [--endpoint URL] [--region REGION] [--dry-run]\n\n"
                + "Runs what the upload function runs on the event (native OSS trigger event or an\n"
                + "EventBridge CloudEvent) and prints its JSON report on stdout; logs go to stderr.\n\n"
                + "  --event FILE|-    the event; - reads stdin\n"
                + "  --rules FILE      rules file (default: $RULES_FILE, or $RULES_OSS_URI, else the rules.json\n"
                + "                    packaged in the jar)\n"
                + "  --endpoint URL    OSS endpoint (default: $OSS_ENDPOINT; required: FC's default, the region's\n"
                + "                    internal endpoint, resolves only inside Alibaba Cloud, so give it there)\n"
                + "  --region REGION   region for records whose event names none (default: $FC_REGION)\n"
                + "  --dry-run         report what would change, change nothing\n\n"
                + "Credentials: ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET and optionally\n"
                + "ALIBABA_CLOUD_SECURITY_TOKEN.\n\n"
                + "Exit status: 0 nothing failed, 1 some record FAILED (retryable failures are listed on stderr),\n"
                + "2 bad arguments, event or rules, or no endpoint.\n";
    }

    @Override
    public int run(List<String> argv, Io io) throws UsageException {
        Args args = Args.parse(name(), argv, Set.of("event", "rules", "endpoint", "region"), Set.of("dry-run"));
        args.expectPositionals(name(), 0, "no positional arguments");
        Optional<String> eventSource = args.value(name(), "event");
        if (eventSource.isEmpty()) {
            throw new UsageException(name() + ": --event FILE|- is required");
        }
        Map<String, String> env = new HashMap<>(io.env);
        putIfPresent(env, Settings.RULES_FILE, args.value(name(), "rules"));
        putIfPresent(env, Settings.OSS_ENDPOINT, args.value(name(), "endpoint", Args::endpointProblem));
        putIfPresent(env, Settings.FC_REGION, args.value(name(), "region", Args::regionProblem));
        byte[] event = read(eventSource.get(), io);
        List<EventRecord> records;
        try {
            records = EventParser.parse(event);
        } catch (EventFormatException e) {
            io.err.println(name() + ": bad event " + eventSource.get() + ": " + e.getMessage());
            return USAGE;
        }
        Settings settings;
        try {
            settings = Settings.fromEnvironment(env).withDryRun(args.flag("dry-run"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(name() + ": " + e.getMessage());
        }
        boolean rulesInOss = env.containsKey(Settings.RULES_OSS_URI) && !env.get(Settings.RULES_OSS_URI).isBlank();
        if (rulesInOss && settings.endpoint().isEmpty()) {
            return noEndpoint(io);
        }
        try (Application app = Application.builder(settings).env(env).build()) {
            return invoke(app, records, settings.endpoint().isEmpty(), io);
        }
    }

    /**
     * FC's default endpoint is the region's internal one, which resolves only inside Alibaba Cloud: from anywhere
     * else the SDK would retry an unknown host for seconds before failing. Say so at once instead.
     */
    private int noEndpoint(Io io) {
        io.err.println(name() + ": no OSS endpoint: give --endpoint URL or set $" + Settings.OSS_ENDPOINT
                + " (local-oss prints it; " + OssClients.PUBLIC_ENDPOINT_FORM + " reaches OSS over the internet)."
                + " Function Compute's default, " + OssClients.INTERNAL_ENDPOINT_FORM + ", resolves only inside"
                + " Alibaba Cloud: give it with --endpoint to use it there.");
        return USAGE;
    }

    private static void putIfPresent(Map<String, String> env, String name, Optional<String> value) {
        if (value.isPresent()) {
            env.put(name, value.get());
        }
    }

    /** As the function does: the rules loaded first (bad rules end here), then every record, then the report. */
    private int invoke(Application app, List<EventRecord> records, boolean noEndpoint, Io io) {
        Optional<AccessKey> key = app.credentials(Optional.empty());
        try {
            app.rules(key);
        } catch (InvocationException e) {
            io.err.println(name() + ": " + e.getMessage());
            return USAGE;
        }
        if (noEndpoint) {
            return noEndpoint(io);
        }
        Report report;
        try {
            report = app.enforce(records, key, "local-" + UUID.randomUUID());
        } catch (InvocationException e) {
            io.err.println(name() + ": " + e.getMessage());
            return USAGE;
        }
        if (report.anyRetryable()) {
            io.err.println(name() + ": retryable failures (Function Compute would retry this invocation): "
                    + report.retryableSummary());
        }
        io.out.println(report.toJson());
        return report.anyFailed() ? FAILED : OK;
    }

    static byte[] read(String source, Io io) throws UsageException {
        try {
            return source.equals("-") ? io.in.readAllBytes() : Files.readAllBytes(Path.of(source));
        } catch (NoSuchFileException e) {
            throw new UsageException("no such file: " + source);
        } catch (IOException e) {
            throw new UsageException("cannot read " + source + ": " + e.getMessage());
        }
    }
}
