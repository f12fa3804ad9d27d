package io.ossenforcer.cli;

import io.ossenforcer.enforce.BucketDefault;
import io.ossenforcer.enforce.BucketDefaultFix;
import io.ossenforcer.enforce.ObjectStoreException;
import io.ossenforcer.oss.SdkBucketSettings;
import io.ossenforcer.oss.SdkObjectStore;
import io.ossenforcer.rules.Encryption;
import io.ossenforcer.rules.EncryptionSpec;
import io.ossenforcer.rules.RuleSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code check-buckets}: each rule bucket's safeguards — default encryption against its rules (drift), versioning,
 * Block Public Access, and a lifecycle rule aborting incomplete multipart uploads — and with {@code --fix}, the
 * default encryption set where the rules agree on one.
 */
final class CheckBucketsCommand implements Command {
    @Override
    public String name() {
        return "check-buckets";
    }

    @Override
    public String summary() {
        return "report each rule bucket's default encryption, versioning, public access block and multipart"
                + " lifecycle";
    }

    @Override
    public String help() {
        return "Usage: check-buckets --rules FILE|oss://BUCKET/KEY [--fix] [--endpoint URL] [--region REGION]\n\n"
                + "For every bucket the rules name, reports what keeps its objects safe besides the enforcer:\n"
                + "  default encryption    (GetBucketEncryption) against the bucket's rules: OK, NONE (uploads\n"
                + "                        without SSE headers arrive unencrypted) or WEAKER (naming the rules)\n"
                + "  versioning            (GetBucketVersioning) Enabled keeps what a rewrite replaces\n"
                + "  block public access   (GetBucketPublicAccessBlock)\n"
                + "  abort multipart       (GetBucketLifecycle) an enabled rule aborting incomplete multipart\n"
                + "                        uploads of the whole bucket after some days\n\n"
                + "  --fix   set the default encryption (PutBucketEncryption) of each bucket whose enforcing rules\n"
                + "          all ask for the same encryption, where that is stronger than the current default or\n"
                + "          there is none; never weakens or swaps an existing default. Says what it changed.\n"
                + "          Existing objects are not touched (backfill does that).\n\n"
                + OssAccess.OPTIONS_HELP + "\n"
                + "Exit status: 0 every bucket has all four (after --fix), 1 something is missing, weaker or\n"
                + "unreadable, or a fix failed, 2 bad arguments or rules.\n";
    }

    @Override
    public int run(List<String> argv, Io io) throws UsageException {
        Args args = Args.parse(name(), argv, Set.of("rules", "endpoint", "region"), Set.of("fix"));
        args.expectPositionals(name(), 0, "no positional arguments");
        String where = args.value(name(), "rules")
                .orElseThrow(() -> new UsageException(name() + ": --rules FILE|oss://BUCKET/KEY is required"));
        RuleSet rules = OssAccess.loadRules(name(), where, args, io);
        try (OssAccess oss = OssAccess.open(name(), args, io)) {
            SdkObjectStore store = oss.store();
            SdkBucketSettings settings = oss.connection().bucketSettings();
            boolean fixFailed = args.flag("fix") && !fix(rules, store, settings, io);
            return report(rules, store, settings, io) && !fixFailed ? OK : FAILED;
        }
    }

    /** Sets each default encryption that may be set; false when a bucket could not be read or set. */
    private static boolean fix(RuleSet rules, SdkObjectStore store, SdkBucketSettings settings, Io io) {
        boolean ok = true;
        for (String bucket : rules.buckets()) {
            try {
                BucketDefaultFix plan = BucketDefaultFix.plan(store.bucketDefaultEncryption(bucket),
                        rules.rulesFor(bucket));
                Optional<EncryptionSpec> target = plan.target();
                if (target.isPresent()) {
                    settings.setDefaultEncryption(bucket, target.get());
                    io.out.println("fixed " + bucket + ": default encryption " + plan.reason());
                } else {
                    io.out.println("left " + bucket + ": " + plan.reason());
                }
            } catch (ObjectStoreException e) {
                ok = false;
                io.out.println("not fixed " + bucket + ": " + e.getMessage());
            }
        }
        io.out.println();
        return ok;
    }

    /** Prints the table and a line per finding; true when every bucket has every safeguard. */
    private static boolean report(RuleSet rules, SdkObjectStore store, SdkBucketSettings settings, Io io) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("BUCKET", "DEFAULT ENCRYPTION", "VERSIONING", "BLOCK PUBLIC ACCESS", "ABORT MULTIPART"));
        List<String> findings = new ArrayList<>();
        for (String bucket : rules.buckets()) {
            List<String> row = new ArrayList<>(List.of(bucket));
            try {
                Optional<Encryption> current = store.bucketDefaultEncryption(bucket);
                BucketDefault verdict = BucketDefault.assess(current, rules.rulesFor(bucket));
                row.add(current.map(Encryption::describe).orElse("none") + " (" + verdict.verdict() + ")");
                if (verdict.verdict() != BucketDefault.Verdict.OK) {
                    findings.add(bucket + ": " + verdict.verdict() + ": " + verdict.reason());
                }
                String versioning = settings.versioning(bucket);
                row.add(versioning);
                if (!versioning.equals("Enabled")) {
                    findings.add(bucket + ": versioning " + versioning + ": a rewrite keeps no copy of the object"
                            + " it replaces, so an overwrite racing it cannot be repaired (enable versioning)");
                }
                boolean blocked = settings.blocksPublicAccess(bucket);
                row.add(blocked ? "on" : "off");
                if (!blocked) {
                    findings.add(bucket + ": block public access off: an ACL or policy can still make objects"
                            + " public, encrypted or not (PutBucketPublicAccessBlock)");
                }
                List<SdkBucketSettings.AbortRule> aborts = settings.abortMultipartRules(bucket);
                Optional<SdkBucketSettings.AbortRule> wholeBucket = aborts.stream()
                        .filter(r -> r.prefix().isEmpty()).min((a, b) -> Integer.compare(a.days(), b.days()));
                row.add(wholeBucket.map(r -> "after " + r.days() + " days").orElse(aborts.isEmpty() ? "none"
                        : "prefixes only"));
                if (wholeBucket.isEmpty()) {
                    findings.add(bucket + ": no lifecycle rule aborts incomplete multipart uploads of the whole"
                            + " bucket" + (aborts.isEmpty() ? "" : " (only " + aborts.stream()
                                    .map(SdkBucketSettings.AbortRule::toString).collect(Collectors.joining(", "))
                                    + ")") + ": parts of an interrupted upload stay billed");
                }
            } catch (ObjectStoreException e) {
                while (row.size() < rows.get(0).size()) {
                    row.add("?");
                }
                findings.add(bucket + ": UNREADABLE: " + e.getMessage());
            }
            rows.add(row);
        }
        io.out.print(Table.of(rows));
        if (!findings.isEmpty()) {
            io.out.println();
            findings.forEach(io.out::println);
        }
        return findings.isEmpty();
    }
}
