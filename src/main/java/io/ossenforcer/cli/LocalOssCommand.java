package io.ossenforcer.cli;

import com.aliyun.oss.OSS;
import io.ossenforcer.app.Application;
import io.ossenforcer.app.EnvironmentCredentials;
import io.ossenforcer.app.Settings;
import io.ossenforcer.localoss.Faults;
import io.ossenforcer.localoss.LocalOss;
import io.ossenforcer.oss.AccessKey;
import io.ossenforcer.oss.OssClients;
import io.ossenforcer.rules.RuleSet;
import io.ossenforcer.rules.RulesException;
import io.ossenforcer.rules.RulesParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** {@code local-oss}: the embedded OSS emulator as a server, optionally with the enforcer as its trigger. */
final class LocalOssCommand implements Command {
    @Override
    public String name() {
        return "local-oss";
    }

    @Override
    public String summary() {
        return "serve the OSS emulator on 127.0.0.1, optionally enforcing rules on every upload";
    }

    @Override
    public String help() {
        return "Usage: local-oss [--port N] [--region REGION] [--rules FILE] [--kms-key ID]... [--copy-limit BYTES]"
                + " [--faults SPEC]\n\n"
                + "Serves an in-memory, OSS-compatible endpoint on 127.0.0.1 (path-style, V1 and V4 signatures)\n"
                + "until stopped with Ctrl-C. Any OSS SDK can use it with the endpoint it prints. It prints the\n"
                + "export lines (endpoint, region and, unless taken from the environment, credentials) that let\n"
                + "this tool's other commands reach it without --endpoint or --region.\n\n"
                + "  --port N         port to listen on (default: a free port)\n"
                + "  --region REGION  region for V4 signing and events (default cn-hangzhou)\n"
                + "  --rules FILE     create the buckets the rules name and run the enforcer on every upload,\n"
                + "                   as the OSS trigger would (outcome log lines go to stderr); an invocation that\n"
                + "                   fails retryably is retried up to 3 times, as FC retries async invocations\n"
                + "  --kms-key ID     a customer master key id the emulator accepts (repeatable)\n"
                + "  --copy-limit BYTES  largest object one CopyObject may copy (OSS: 1 GiB, the default); lower it\n"
                + "                   to exercise multipart rewrites (with COPY_LIMIT_BYTES for the enforcer)\n"
                + "  --faults SPEC    inject faults, e.g. CopyObject:status=503:nth=1,HeadObject:latency=200ms:\n"
                + "                   fraction=0.1,UploadPartCopy:reset:from=2,GetObject:truncate;seed=42\n"
                + "                   (grammar in docs/LOCAL-OSS.md)\n\n"
                + "Credentials: ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET if set, otherwise\n"
                + "a random pair generated for this run and printed (it opens nothing but this emulator).\n\n"
                + "Exit status: 130 when stopped with Ctrl-C (the JVM's status for SIGINT; 143 for SIGTERM),\n"
                + "2 bad arguments, rules, or a port it cannot listen on.\n";
    }

    @Override
    public int run(List<String> argv, Io io) throws UsageException {
        Args args = Args.parse(name(), argv, Set.of("port", "region", "rules", "kms-key", "copy-limit", "faults"),
                Set.of());
        args.expectPositionals(name(), 0, "no positional arguments");
        LocalOss.Builder builder = LocalOss.builder().port(port(args));
        args.value(name(), "region", Args::regionProblem).ifPresent(builder::region);
        List<String> kmsKeys = args.values(name(), "kms-key");
        kmsKeys.forEach(builder::kmsKey);
        Optional<String> copyLimit = args.value(name(), "copy-limit");
        if (copyLimit.isPresent()) {
            builder.copyLimitBytes(positive("copy-limit", copyLimit.get()));
        }
        builder.faults(faults(args));
        Optional<AccessKey> fromEnv = EnvironmentCredentials.of(io.env);
        fromEnv.ifPresent(k -> builder.credentials(k.id(), k.secret()));
        Optional<RuleSet> rules = rules(args);
        LocalOss oss;
        try {
            oss = builder.start();
        } catch (IOException | RuntimeException e) {
            throw new UsageException(name() + ": cannot start: " + e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            oss.close();
            stopped.countDown();
        }, "local-oss-shutdown"));
        AccessKey key = new AccessKey(oss.accessKeyId(), oss.accessKeySecret(), Optional.empty());
        io.out.println("local-oss listening on " + oss.endpoint() + " (region " + oss.region() + ")");
        // The commands of this tool read these variables: once exported, none of them needs --endpoint or --region.
        if (fromEnv.isPresent()) {
            io.out.println("credentials: access key id " + key.id() + " from the environment; in another shell:");
        } else {
            io.out.println("credentials generated for this run (they open nothing but this emulator); in another"
                    + " shell:");
            io.out.println("  export ALIBABA_CLOUD_ACCESS_KEY_ID=" + key.id());
            io.out.println("  export ALIBABA_CLOUD_ACCESS_KEY_SECRET=" + key.secret());
        }
        io.out.println("  export " + Settings.OSS_ENDPOINT + "=" + oss.endpoint());
        io.out.println("  export " + Settings.FC_REGION + "=" + oss.region());
        io.out.println("KMS: default managed key " + oss.managedKmsKeyId() + ", customer keys " + kmsKeys);
        if (!oss.faults().isEmpty()) {
            io.out.println("injecting faults: " + oss.faults());
        }
        if (rules.isPresent()) {
            createBuckets(oss, key, rules.get().buckets());
            Map<String, String> env = new HashMap<>(io.env);
            env.put(Settings.OSS_ENDPOINT, oss.endpoint());
            Application app = Application.builder(Settings.fromEnvironment(env)).env(env).rules(rules.get()).build();
            oss.addEventListener(new LocalTrigger(app, key, report -> { }, io.err)
                    .concurrently(LocalTrigger.INSTANCES));
            io.out.println("enforcing " + rules.get().source() + " on every upload to " + rules.get().buckets());
        }
        io.out.println("Ctrl-C to stop.");
        io.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return OK;
    }

    /** Creates each bucket the rules name, so uploads to them work at once. */
    static void createBuckets(LocalOss oss, AccessKey key, Set<String> buckets) {
        OSS client = OssClients.build(oss.endpoint(), oss.region(), key);
        try {
            buckets.forEach(client::createBucket);
        } finally {
            client.shutdown();
        }
    }

    private int port(Args args) throws UsageException {
        Optional<String> port = args.value(name(), "port");
        if (port.isEmpty()) {
            return 0;
        }
        try {
            int n = Integer.parseInt(port.get());
            if (n < 0 || n > 65535) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(name() + ": --port must be a number from 0 to 65535, not \"" + port.get() + "\"");
        }
    }

    private long positive(String option, String value) throws UsageException {
        try {
            long n = Long.parseLong(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the value
        }
        throw new UsageException(name() + ": --" + option + " must be a whole number of bytes above 0, not \""
                + value + "\"");
    }

    private Faults faults(Args args) throws UsageException {
        Optional<String> spec = args.value(name(), "faults");
        try {
            return spec.map(Faults::parse).orElse(Faults.none());
        } catch (IllegalArgumentException e) {
            throw new UsageException(name() + ": --faults: " + e.getMessage());
        }
    }

    private Optional<RuleSet> rules(Args args) throws UsageException {
        Optional<String> file = args.value(name(), "rules");
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(RulesParser.load(Path.of(file.get())));
        } catch (RulesException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
