package io.ossenforcer.cli;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PutObjectRequest;
import io.ossenforcer.enforce.ObjectState;
import io.ossenforcer.enforce.ObjectStoreException;
import io.ossenforcer.enforce.Outcome;
import io.ossenforcer.app.Application;
import io.ossenforcer.app.Settings;
import io.ossenforcer.localoss.LocalOss;
import io.ossenforcer.oss.AccessKey;
import io.ossenforcer.oss.OssClients;
import io.ossenforcer.oss.SdkObjectStore;
import io.ossenforcer.rules.Mode;
import io.ossenforcer.rules.Rule;
import io.ossenforcer.rules.RuleSet;
import io.ossenforcer.rules.RulesException;
import io.ossenforcer.rules.RulesParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code demo}: the whole enforcer offline. The emulator plays OSS and its event stream plays the trigger; sample
 * objects go in plaintext or weakly encrypted, and the demo checks that each ends as its rule says with nothing else
 * about it changed, and that the enforcer's own copies end COMPLIANT (no loop).
 */
final class DemoCommand implements Command {
    static final String RULES_RESOURCE = "demo/rules.json";
    static final String DEMO_CMK = "demo-cmk-0001";
    static final String UNLISTED_BUCKET = "demo-unlisted";

    private static final List<Sample> SAMPLES = List.of(
            new Sample("demo-finance", "reports/2026-q3.pdf", "application/pdf", Optional.empty(),
                    Map.of("owner", "finance", "quarter", "q3"), "classification=confidential",
                    CannedAccessControlList.Private),
            new Sample("demo-finance", "reports/2026-q2.pdf", "application/pdf", Optional.of("AES256"),
                    Map.of("owner", "finance"), "classification=internal", CannedAccessControlList.Default),
            new Sample("demo-finance", "logs/app-2026-11-26.log", "text/plain", Optional.empty(),
                    Map.of("source", "app"), "", CannedAccessControlList.Default),
            new Sample("demo-finance", "notes/meeting notes+1.txt", "text/plain; charset=utf-8", Optional.empty(),
                    Map.of("author", "li.wei"), "team=ops&retention=1y", CannedAccessControlList.PublicRead),
            new Sample("demo-finance", "notes/already-kms.txt", "text/plain", Optional.of("KMS"),
                    Map.of(), "", CannedAccessControlList.Default),
            new Sample("demo-finance", "public/logo.svg", "image/svg+xml", Optional.empty(),
                    Map.of(), "", CannedAccessControlList.PublicRead),
            new Sample("demo-media", "raw/clip 01 +final%.mov", "video/quicktime", Optional.empty(),
                    Map.of("camera", "a7"), "project=launch", CannedAccessControlList.Default),
            new Sample("demo-media", "thumbs/中文 缩略图.jpg", "image/jpeg", Optional.of("KMS"),
                    Map.of("width", "320"), "", CannedAccessControlList.Default),
            new Sample(UNLISTED_BUCKET, "anything.bin", "application/octet-stream", Optional.empty(),
                    Map.of(), "", CannedAccessControlList.Default));

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "run the enforcer end to end offline, against the embedded OSS emulator";
    }

    @Override
    public String help() {
        return "Usage: demo\n\n"
                + "Starts the OSS emulator on a free port, creates the buckets of the sample rules\n"
                + "(classpath:" + RULES_RESOURCE + "), uploads sample objects with metadata, tags and ACLs, delivers\n"
                + "their trigger events to the handler and prints a before/after table per object. Outcome log lines\n"
                + "go to stderr.\n\n"
                + "Exit status: 0 every object ended as its rule says and nothing else changed, 1 otherwise,\n"
                + "2 bad arguments.\n";
    }

    @Override
    public int run(List<String> argv, Io io) throws UsageException {
        Args.parse(name(), argv, Set.of(), Set.of()).expectPositionals(name(), 0, "no arguments");
        RuleSet rules = demoRules();
        try (LocalOss oss = LocalOss.builder().kmsKey(DEMO_CMK).start()) {
            return run(rules, oss, io);
        } catch (IOException e) {
            io.err.println(name() + ": cannot start the OSS emulator: " + e.getMessage());
            return FAILED;
        }
    }

    private static RuleSet demoRules() throws UsageException {
        try (InputStream in = DemoCommand.class.getClassLoader().getResourceAsStream(RULES_RESOURCE)) {
            if (in == null) {
                throw new UsageException("demo: " + RULES_RESOURCE + " is missing from the jar");
            }
            return RulesParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "classpath:" + RULES_RESOURCE);
        } catch (IOException | RulesException e) {
            throw new UsageException("demo: " + e.getMessage());
        }
    }

    private int run(RuleSet rules, LocalOss oss, Io io) {
        AccessKey key = new AccessKey(oss.accessKeyId(), oss.accessKeySecret(), Optional.empty());
        Set<String> buckets = new LinkedHashSet<>(rules.buckets());
        buckets.add(UNLISTED_BUCKET);
        LocalOssCommand.createBuckets(oss, key, buckets);

        Map<String, String> env = new HashMap<>();
        env.put(Settings.OSS_ENDPOINT, oss.endpoint());
        Application app = Application.builder(Settings.fromEnvironment(env)).env(env).rules(rules).build();
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        oss.addEventListener(new LocalTrigger(app, key, r -> outcomes.addAll(r.outcomes()), io.err));

        OSS client = OssClients.build(oss.endpoint(), oss.region(), key);
        try {
            io.out.println("oss-sse-enforcer demo: OSS emulator at " + oss.endpoint() + ", rules "
                    + rules.source() + "\n");
            Map<Sample, Snapshot> before = new HashMap<>();
            for (Sample sample : SAMPLES) {
                sample.upload(client);
                before.put(sample, Snapshot.of(client, sample));
            }
            if (!oss.awaitEventsDelivered(Duration.ofSeconds(60))) {
                io.out.println("FAIL: events were still being delivered after 60 s: the enforcer may be looping");
                return FAILED;
            }
            return report(rules, before, client, List.copyOf(outcomes), io);
        } catch (ObjectStoreException | RuntimeException e) {
            io.err.println("demo: " + e.getMessage());
            return FAILED;
        } finally {
            client.shutdown();
            app.close();
        }
    }

    private int report(RuleSet rules, Map<Sample, Snapshot> before, OSS client, List<Outcome> outcomes, Io io)
            throws ObjectStoreException {
        List<String> failures = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("OBJECT", "RULE", "OUTCOME", "ENCRYPTION BEFORE -> AFTER", "CONTENT-TYPE",
                "EVERYTHING ELSE"));
        for (Sample sample : SAMPLES) {
            Snapshot was = before.get(sample);
            Snapshot now = Snapshot.of(client, sample);
            Optional<Outcome> outcome = outcomes.stream().filter(o -> o.eventName().equals("ObjectCreated:PutObject")
                    && o.bucket().equals(sample.bucket) && o.key().equals(sample.key)).findFirst();
            List<String> changed = was.differencesBesidesEncryption(now);
            Optional<Rule> rule = rules.match(sample.bucket, sample.key);
            boolean enforced = rule.map(r -> r.mode() == Mode.ENFORCE).orElse(false);
            boolean encryptionAsRuled = enforced ? rule.get().encryption().satisfiedBy(now.state.encryption())
                    : now.state.encryption().equals(was.state.encryption());
            if (outcome.isEmpty()) {
                failures.add(sample + ": no outcome for its PutObject event");
            }
            if (!encryptionAsRuled) {
                failures.add(sample + ": encryption " + now.state.encryption().describe() + " is not what "
                        + rule.map(r -> "rule " + r.id() + " (" + r.mode().name() + ")").orElse("no rule")
                        + " says");
            }
            if (!changed.isEmpty()) {
                failures.add(sample + ": " + String.join("; ", changed));
            }
            rows.add(List.of(sample.toString(), rule.map(Rule::id).orElse("-"),
                    outcome.map(o -> o.kind().name()).orElse("(none)"),
                    was.state.encryption().describe() + " -> " + now.state.encryption().describe(),
                    now.state.contentHeaders().getOrDefault("Content-Type", "-"),
                    changed.isEmpty() ? "unchanged (CRC64 " + now.state.crc64().orElse("?") + ")" : "CHANGED"));
        }
        io.out.print(Table.of(rows));
        List<Outcome> selfTriggered = outcomes.stream()
                .filter(o -> o.eventName().equals("ObjectCreated:CopyObject")).collect(Collectors.toList());
        long compliant = selfTriggered.stream().filter(o -> o.kind() == Outcome.Kind.COMPLIANT).count();
        long rewritten = outcomes.stream().filter(o -> o.kind() == Outcome.Kind.ENCRYPTED).count();
        io.out.printf("%nThe enforcer rewrote %d object(s); its own copies fired %d CopyObject event(s), and %d"
                + " ended COMPLIANT (no loop).%n", rewritten, selfTriggered.size(), compliant);
        if (compliant != selfTriggered.size() || selfTriggered.size() != rewritten) {
            failures.add("every rewrite must fire one CopyObject event that ends COMPLIANT: " + selfTriggered);
        }
        if (failures.isEmpty()) {
            io.out.println("PASS: every object ended as its rule says; content, metadata, tags and ACLs unchanged.");
            return OK;
        }
        failures.forEach(f -> io.out.println("FAIL: " + f));
        return FAILED;
    }

    /** One sample object: how it is uploaded. */
    private static final class Sample {
        final String bucket;
        final String key;
        final String contentType;
        final Optional<String> encryption;
        final Map<String, String> userMetadata;
        final String tagging;
        final CannedAccessControlList acl;

        Sample(String bucket, String key, String contentType, Optional<String> encryption,
                Map<String, String> userMetadata, String tagging, CannedAccessControlList acl) {
            this.bucket = bucket;
            this.key = key;
            this.contentType = contentType;
            this.encryption = encryption;
            this.userMetadata = userMetadata;
            this.tagging = tagging;
            this.acl = acl;
        }

        void upload(OSS client) {
            ObjectMetadata meta = new ObjectMetadata();
            meta.setContentType(contentType);
            meta.setUserMetadata(new HashMap<>(userMetadata));
            meta.setCacheControl("max-age=3600");
            meta.setObjectAcl(acl);
            encryption.ifPresent(meta::setServerSideEncryption);
            if (!tagging.isEmpty()) {
                meta.setHeader("x-oss-tagging", tagging);
            }
            byte[] content = ("sample content of " + this + "\n").repeat(64).getBytes(StandardCharsets.UTF_8);
            client.putObject(new PutObjectRequest(bucket, key, new ByteArrayInputStream(content), meta));
        }

        @Override
        public String toString() {
            return bucket + "/" + key;
        }
    }

    /** What the demo compares: the HEAD, the tags and the ACL. */
    private static final class Snapshot {
        final ObjectState state;
        final Map<String, String> tags;
        final String acl;

        private Snapshot(ObjectState state, Map<String, String> tags, String acl) {
            this.state = state;
            this.tags = tags;
            this.acl = acl;
        }

        static Snapshot of(OSS client, Sample s) throws ObjectStoreException {
            ObjectState state = new SdkObjectStore(client).head(s.bucket, s.key);
            return new Snapshot(state, client.getObjectTagging(s.bucket, s.key).getAllTags(),
                    client.getObjectAcl(s.bucket, s.key).getPermission().toString());
        }

        List<String> differencesBesidesEncryption(Snapshot after) {
            List<String> d = new ArrayList<>();
            compare(d, "size", state.size(), after.state.size());
            compare(d, "CRC64", state.crc64(), after.state.crc64());
            compare(d, "content headers", state.contentHeaders(), after.state.contentHeaders());
            compare(d, "user metadata", state.userMetadata(), after.state.userMetadata());
            compare(d, "storage class", state.storageClass(), after.state.storageClass());
            compare(d, "tags", tags, after.tags);
            compare(d, "ACL", acl, after.acl);
            return d;
        }

        private static void compare(List<String> d, String what, Object before, Object after) {
            if (!before.equals(after)) {
                d.add(what + " changed from " + before + " to " + after);
            }
        }
    }
}
