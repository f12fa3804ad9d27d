package io.ossenforcer.rules;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import io.ossenforcer.event.BucketName;
import io.ossenforcer.json.Fields;
import io.ossenforcer.json.JsonLimits;
import io.ossenforcer.json.JsonReadException;
import io.ossenforcer.json.Problems;
import io.ossenforcer.json.StrictJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Reads and checks a rules file (format: {@code docs/RULES.md}). Rules decide what gets re-encrypted, so a file
 * with any problem is refused whole, with every problem listed by JSON path, rather than half applied.
 */
public final class RulesParser {
    /** Big enough for 100,000 rules across 1,000 buckets. */
    public static final JsonLimits LIMITS = JsonLimits.of(32 * 1024 * 1024, 64);
    public static final String DEFAULT_SOURCE = "classpath:rules.json";

    private static final String DEFAULT_RESOURCE = "/rules.json";
    private static final List<String> TOP_FIELDS = List.of("buckets");
    private static final List<String> BUCKET_FIELDS = List.of("rules");
    private static final List<String> RULE_FIELDS = List.of("id", "prefix", "suffix", "exclude", "encryption", "mode",
            "previousVersions");
    private static final List<String> ENCRYPTION_FIELDS = List.of("algorithm", "kmsKeyId", "dataEncryption", "exact");
    private static final String ALGORITHMS =
            Arrays.stream(Algorithm.values()).map(Algorithm::name).collect(Collectors.joining(", "));

    private RulesParser() {
    }

    /** @param source where the text came from, for messages and {@link RuleSet#source()} */
    public static RuleSet parse(String json, String source) throws RulesException {
        try {
            return read(StrictJson.parse(json, LIMITS), source);
        } catch (JsonReadException e) {
            throw new RulesException(source, Problems.of(e.problem()));
        }
    }

    /** Loads a rules file; a file that is missing, unreadable or not UTF-8 is a {@link RulesException} too. */
    public static RuleSet load(Path file) throws RulesException {
        String source = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            return parse(readBounded(in), source);
        } catch (NoSuchFileException e) {
            throw new RulesException(source, Problems.of("file not found"));
        } catch (AccessDeniedException e) {
            throw new RulesException(source, Problems.of("permission denied"));
        } catch (IOException e) {
            throw new RulesException(source, Problems.of("cannot read the file: " + e.getMessage()));
        }
    }

    /** Loads the rules packaged with the function, {@code /rules.json} on the classpath. */
    public static RuleSet loadDefault() throws RulesException {
        try (InputStream in = RulesParser.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new RulesException(DEFAULT_SOURCE, Problems.of("not found on the classpath"));
            }
            return parse(readBounded(in), DEFAULT_SOURCE);
        } catch (IOException e) {
            throw new RulesException(DEFAULT_SOURCE, Problems.of("cannot read the resource: " + e.getMessage()));
        }
    }

    /** Reads one byte past the limit, enough for {@link StrictJson} to refuse an oversized file by name. */
    private static byte[] readBounded(InputStream in) throws IOException {
        return in.readNBytes(LIMITS.maxBytes() + 1);
    }

    /** Rules from raw bytes, which must be UTF-8 (checked strictly). */
    public static RuleSet parse(byte[] utf8, String source) throws RulesException {
        try {
            return read(StrictJson.parse(utf8, LIMITS), source);
        } catch (JsonReadException e) {
            throw new RulesException(source, Problems.of(e.problem()));
        }
    }

    private static RuleSet read(JsonElement root, String source) throws RulesException {
        Problems problems = new Problems();
        Map<String, List<Rule>> buckets = new LinkedHashMap<>();
        Fields.object(root, "$", problems).ifPresent(top -> {
            top.allowOnly(TOP_FIELDS);
            top.requiredObject("buckets").ifPresent(b -> readBuckets(b, problems, buckets));
        });
        if (!problems.isEmpty()) {
            throw new RulesException(source, problems);
        }
        return RuleSet.of(source, buckets);
    }

    private static void readBuckets(Fields buckets, Problems problems, Map<String, List<Rule>> out) {
        if (buckets.entries().isEmpty()) {
            problems.add(buckets.path(), "empty, expected at least one bucket");
        }
        Map<String, String> idPaths = new HashMap<>();
        for (Map.Entry<String, JsonElement> bucket : buckets.entries()) {
            String path = buckets.pathOf(bucket.getKey());
            BucketName.problemWith(bucket.getKey()).ifPresent(p -> problems.add(path, p));
            Fields.object(bucket.getValue(), path, problems).ifPresent(fields -> {
                fields.allowOnly(BUCKET_FIELDS);
                fields.requiredArray("rules")
                        .ifPresent(rules -> out.put(bucket.getKey(),
                                readRules(rules, fields.pathOf("rules"), problems, idPaths)));
            });
        }
    }

    /** Reads a bucket's rules, then checks that each can match some key the rules before it leave over. */
    private static List<Rule> readRules(JsonArray array, String path, Problems problems, Map<String, String> idPaths) {
        if (array.isEmpty()) {
            problems.add(path, "empty, expected at least one rule");
        }
        List<Rule> rules = new ArrayList<>();
        List<String> rulePaths = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String rulePath = Fields.element(path, i);
            Fields.object(array.get(i), rulePath, problems)
                    .flatMap(fields -> readRule(fields, problems, idPaths))
                    .ifPresent(rule -> {
                        rules.add(rule);
                        rulePaths.add(rulePath);
                    });
        }
        BucketRules index = new BucketRules(rules);
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            String rulePath = rulePaths.get(i);
            rule.excludeCoveringPrefix().ifPresent(excluded -> problems.add(rulePath, "rule " + Problems.quote(rule.id())
                    + " can never match: it excludes " + Problems.quote(excluded) + ", which covers its prefix "
                    + Problems.quote(rule.prefixOrEmpty())));
            index.shadowing(i).ifPresent(earlier -> problems.add(rulePath, "rule " + Problems.quote(rule.id())
                    + " can never match: earlier rule " + Problems.quote(rules.get(earlier).id()) + " ("
                    + rulePaths.get(earlier) + ") matches every key it could match"));
        }
        return rules;
    }

    /** A rule, or empty when it has a problem; every problem found is recorded either way. */
    private static Optional<Rule> readRule(Fields rule, Problems problems, Map<String, String> idPaths) {
        int problemsBefore = problems.count();
        rule.allowOnly(RULE_FIELDS);
        Optional<String> id = rule.requiredString("id", RulesParser::blankProblem);
        Optional<String> prefix = rule.optionalString("prefix",
                v -> emptyProblem(v, "leave the field out to match every key"));
        Optional<String> suffix = rule.optionalString("suffix",
                v -> emptyProblem(v, "leave the field out to match every key"));
        List<String> exclude = rule.optionalArray("exclude")
                .map(array -> readExclude(array, rule.pathOf("exclude"), problems))
                .orElse(List.of());
        Mode mode = readChoice(rule, "mode", "a mode", Mode.values()).orElse(Mode.ENFORCE);
        PreviousVersions previousVersions = readChoice(rule, "previousVersions", "a previous-versions policy",
                PreviousVersions.values()).orElse(PreviousVersions.KEEP);
        Optional<EncryptionSpec> encryption = rule.requiredObject("encryption").flatMap(e -> readEncryption(e, problems));
        id.ifPresent(i -> {
            String firstPath = idPaths.putIfAbsent(i, rule.pathOf("id"));
            if (firstPath != null) {
                problems.add(rule.pathOf("id"), "duplicate id " + Problems.quote(i) + " (first used at " + firstPath
                        + "); ids are unique across the file because outcomes are reported by rule id");
            }
        });
        if (problems.count() > problemsBefore || id.isEmpty() || encryption.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Rule.of(id.get(), prefix, suffix, exclude, encryption.get(), mode, previousVersions));
    }

    /** An optional field holding one of an enum's config names; anything else is a problem naming the choices. */
    private static <E extends Enum<E>> Optional<E> readChoice(Fields rule, String field, String what, E[] values) {
        return rule.optionalString(field, v -> ConfigNames.parse(values, v).isPresent()
                        ? Optional.empty()
                        : Optional.of(Problems.quote(v) + " is not " + what + " (allowed: "
                                + ConfigNames.allowed(values) + ")"))
                .flatMap(v -> ConfigNames.parse(values, v));
    }

    private static List<String> readExclude(JsonArray array, String path, Problems problems) {
        List<String> exclude = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String elementPath = Fields.element(path, i);
            Fields.string(array.get(i), elementPath, problems).ifPresent(excluded -> {
                if (excluded.isEmpty()) {
                    problems.add(elementPath, "empty (it would exclude every key)");
                } else {
                    exclude.add(excluded);
                }
            });
        }
        return exclude;
    }

    private static Optional<EncryptionSpec> readEncryption(Fields encryption, Problems problems) {
        encryption.allowOnly(ENCRYPTION_FIELDS);
        Optional<Algorithm> algorithm = encryption.requiredString("algorithm",
                        v -> algorithmProblem(v, "allowed: " + ALGORITHMS))
                .map(Algorithm::valueOf);
        Optional<String> kmsKeyId = encryption.optionalString("kmsKeyId");
        Optional<Algorithm> dataEncryption = encryption.optionalString("dataEncryption",
                        v -> algorithmProblem(v, "dataEncryption must be " + Algorithm.SM4))
                .map(Algorithm::valueOf);
        boolean exact = encryption.optionalBoolean("exact").orElse(false);
        if (algorithm.isEmpty()) {
            return Optional.empty();
        }
        // EncryptionSpec.of states which combinations OSS accepts: ask it about each optional part on its own, so
        // that a rule wrong in two ways hears about both.
        boolean keyIdFits = fits(encryption.pathOf("kmsKeyId"), problems,
                () -> EncryptionSpec.of(algorithm.get(), kmsKeyId, Optional.empty(), exact));
        boolean dataEncryptionFits = fits(encryption.pathOf("dataEncryption"), problems,
                () -> EncryptionSpec.of(algorithm.get(), Optional.empty(), dataEncryption, exact));
        return keyIdFits && dataEncryptionFits
                ? Optional.of(EncryptionSpec.of(algorithm.get(), kmsKeyId, dataEncryption, exact))
                : Optional.empty();
    }

    private static boolean fits(String path, Problems problems, Supplier<EncryptionSpec> spec) {
        try {
            spec.get();
            return true;
        } catch (IllegalArgumentException e) {
            problems.add(path, e.getMessage());
            return false;
        }
    }

    private static Optional<String> algorithmProblem(String value, String allowed) {
        boolean known = Arrays.stream(Algorithm.values()).anyMatch(a -> a.name().equals(value));
        return known ? Optional.empty() : Optional.of(Problems.quote(value) + " is not an algorithm (" + allowed + ")");
    }

    private static Optional<String> blankProblem(String value) {
        return value.isBlank() ? Optional.of(value.isEmpty() ? "empty" : "blank") : Optional.empty();
    }

    private static Optional<String> emptyProblem(String value, String hint) {
        return value.isEmpty() ? Optional.of("empty (" + hint + ")") : Optional.empty();
    }
}
