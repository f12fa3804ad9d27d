package io.ossenforcer.cli;

import com.aliyun.oss.OSS;
import io.ossenforcer.enforce.ObjectStoreException;
import io.ossenforcer.enforce.SmallObject;
import io.ossenforcer.handler.EnforcerHandler;
import io.ossenforcer.handler.OssUri;
import io.ossenforcer.handler.Settings;
import io.ossenforcer.oss.AccessKey;
import io.ossenforcer.oss.OssClients;
import io.ossenforcer.oss.SdkObjectStore;
import io.ossenforcer.rules.Rule;
import io.ossenforcer.rules.RuleSet;
import io.ossenforcer.rules.RulesException;
import io.ossenforcer.rules.RulesParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** {@code check-rules FILE}: validate a rules file and show what it says. */
final class CheckRulesCommand implements Command {
    @Override
    public String name() {
        return "check-rules";
    }

    @Override
    public String summary() {
        return "validate a rules file (or oss:// object); list every problem, or summarise the rules";
    }

    @Override
    public String help() {
        return "Usage: check-rules FILE|oss://BUCKET/KEY [--endpoint URL] [--region REGION]\n\n"
                + "Validates a rules file as the function would load it. Prints a summary of the buckets and rules\n"
                + "(exit 0), or every problem with its JSON path (exit 2).\n\n"
                + "An oss:// URI is read as RULES_OSS_URI would be, with the credentials in\n"
                + "ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET / _SECURITY_TOKEN, from --endpoint (default: $OSS_ENDPOINT, else\n"
                + "the region's public endpoint) in --region (default: $FC_REGION).\n";
    }

    @Override
    public int run(List<String> argv, Io io) throws UsageException {
        Args args = Args.parse(name(), argv, Set.of("endpoint", "region"), Set.of());
        args.expectPositionals(name(), 1, "one rules file or oss:// URI");
        String where = args.positionals().get(0);
        RuleSet rules;
        try {
            rules = OssUri.looksLikeOne(where) ? fromOss(where, args, io) : RulesParser.load(Path.of(where));
        } catch (RulesException e) {
            io.err.println(e.getMessage());
            return USAGE;
        }
        io.out.println(describe(rules));
        return OK;
    }

    private RuleSet fromOss(String where, Args args, Io io) throws UsageException, RulesException {
        OssUri uri;
        try {
            uri = OssUri.parse(where);
        } catch (IllegalArgumentException e) {
            throw new UsageException(name() + ": " + e.getMessage());
        }
        String region = args.value(name(), "region").or(() -> Optional.ofNullable(io.env.get(Settings.FC_REGION)))
                .orElseThrow(() -> new UsageException(name() + ": reading " + uri + " needs --region or $"
                        + Settings.FC_REGION));
        AccessKey key = EnforcerHandler.environmentCredentials(io.env).orElseThrow(() -> new UsageException(name()
                + ": reading " + uri + " needs ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET"));
        String endpoint;
        try {
            endpoint = args.value(name(), "endpoint").or(() -> Optional.ofNullable(io.env.get(Settings.OSS_ENDPOINT)))
                    .orElse("https://oss-" + OssClients.validRegion(region) + ".aliyuncs.com");
        } catch (IllegalArgumentException e) {
            throw new UsageException(name() + ": " + e.getMessage());
        }
        OSS client = OssClients.build(endpoint, region, key);
        try {
            SmallObject object = new SdkObjectStore(client).readIfChanged(uri.bucket(), uri.key(), Optional.empty(),
                    RulesParser.LIMITS.maxBytes()).orElseThrow();
            return RulesParser.parse(object.content(), uri + " (ETag " + object.eTag() + ")");
        } catch (ObjectStoreException e) {
            throw new UsageException(name() + ": cannot read " + uri + ": " + e.getMessage());
        } finally {
            client.shutdown();
        }
    }

    static String describe(RuleSet rules) {
        StringBuilder s = new StringBuilder();
        s.append(rules.source()).append(": OK, ").append(rules.buckets().size()).append(" bucket(s), ")
                .append(rules.ruleCount()).append(" rule(s)\n");
        for (String bucket : rules.buckets()) {
            s.append("  ").append(bucket).append('\n');
            for (Rule rule : rules.rulesFor(bucket)) {
                s.append("    ").append(rule.id()).append(": ").append(scope(rule)).append(" -> ")
                        .append(rule.encryption().describe()).append(" (").append(rule.mode().name().toLowerCase(Locale.ROOT))
                        .append(")\n");
            }
        }
        return s.toString().stripTrailing();
    }

    private static String scope(Rule rule) {
        String scope = rule.prefix().map(p -> "keys starting \"" + p + "\"").orElse("every key")
                + rule.suffix().map(x -> " ending \"" + x + "\"").orElse("");
        return rule.exclude().isEmpty() ? scope : scope + " except under " + rule.exclude();
    }
}
