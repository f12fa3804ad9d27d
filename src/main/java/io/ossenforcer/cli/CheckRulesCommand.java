package io.ossenforcer.cli;

import io.ossenforcer.rules.Rule;
import io.ossenforcer.rules.RuleSet;
import java.util.List;
import java.util.Locale;
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
                + "(exit 0), or every problem with its JSON path (exit 2). What loads but is probably a mistake,\n"
                + "such as the packaged placeholder key id, is a warning line on stderr (exit 0). An oss:// URI is\n"
                + "read as RULES_OSS_URI would be:\n\n" + OssAccess.OPTIONS_HELP;
    }

    @Override
    public int run(List<String> argv, Io io) throws UsageException {
        Args args = Args.parse(name(), argv, Set.of("endpoint", "region"), Set.of());
        args.expectPositionals(name(), 1, "one rules file or oss:// URI");
        String where = args.positionals().get(0);
        RuleSet rules = OssAccess.loadRules(name(), where, args, io);
        io.out.println(describe(rules));
        for (String warning : rules.warnings()) {
            io.err.println("warning: " + rules.source() + ": " + warning);
        }
        return OK;
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
