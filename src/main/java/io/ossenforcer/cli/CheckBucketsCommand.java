package io.ossenforcer.cli;

import io.ossenforcer.enforce.BucketDefault;
import io.ossenforcer.enforce.ObjectStoreException;
import io.ossenforcer.oss.SdkObjectStore;
import io.ossenforcer.rules.Encryption;
import io.ossenforcer.rules.RuleSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code check-buckets}: each rule bucket's default encryption against its rules (drift). */
final class CheckBucketsCommand implements Command {
    @Override
    public String name() {
        return "check-buckets";
    }

    @Override
    public String summary() {
        return "report rule buckets whose default encryption is missing or weaker than their rules";
    }

    @Override
    public String help() {
        return "Usage: check-buckets --rules FILE|oss://BUCKET/KEY [--endpoint URL] [--region REGION]\n\n"
                + "Reads the default encryption (GetBucketEncryption) of every bucket the rules name and compares it\n"
                + "with the bucket's rules. Bucket default encryption applies only to uploads without SSE headers;\n"
                + "one at least as strong as every rule means most uploads arrive compliant.\n\n"
                + OssAccess.OPTIONS_HELP + "\n"
                + "Exit status: 0 every bucket OK, 1 drift found or a bucket unreadable, 2 bad arguments or rules.\n";
    }

    @Override
    public int run(List<String> argv, Io io) throws UsageException {
        Args args = Args.parse(name(), argv, Set.of("rules", "endpoint", "region"), Set.of());
        args.expectPositionals(name(), 0, "no positional arguments");
        String where = args.value(name(), "rules")
                .orElseThrow(() -> new UsageException(name() + ": --rules FILE|oss://BUCKET/KEY is required"));
        RuleSet rules = OssAccess.loadRules(name(), where, args, io);
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("BUCKET", "DEFAULT ENCRYPTION", "VERDICT"));
        boolean drift = false;
        try (OssAccess oss = OssAccess.open(name(), args, io)) {
            SdkObjectStore store = oss.store();
            for (String bucket : rules.buckets()) {
                try {
                    Optional<Encryption> current = store.bucketDefaultEncryption(bucket);
                    BucketDefault verdict = BucketDefault.assess(current, rules.rulesFor(bucket));
                    drift |= verdict.verdict() != BucketDefault.Verdict.OK;
                    rows.add(List.of(bucket, current.map(Encryption::describe).orElse("none"),
                            verdict.verdict() + ": " + verdict.reason()));
                } catch (ObjectStoreException e) {
                    drift = true;
                    rows.add(List.of(bucket, "?", "UNREADABLE: " + e.getMessage()));
                }
            }
        }
        io.out.print(Table.of(rows));
        return drift ? FAILED : OK;
    }
}
