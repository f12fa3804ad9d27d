package io.ossenforcer.rules;

import com.google.gson.JsonArray;
import com.google.gson.stream.JsonToken;
import io.ossenforcer.event.BucketName;
import io.ossenforcer.json.Fields;
import io.ossenforcer.json.JsonLimits;
import io.ossenforcer.json.JsonReadException;
import io.ossenforcer.json.Problems;
import io.ossenforcer.json.StrictJsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads and checks a rules file (format: {@code docs/RULES.md}). Rules decide what gets re-encrypted, so a file
 * with any problem is refused whole, with every problem listed by JSON path, rather than half applied. What is
 * allowed but probably a mistake is kept as a warning ({@link RuleSet#warnings()}).
 *
 * <p>The file is streamed down to its rules, and each rule read as a JSON tree of its own: a file of 100,000 rules
 * would take several times the memory of its rules as one tree.
 */
public final class RulesParser {
    /** Big enough for 100,000 rules across 1,000 buckets. */
    public static final JsonLimits LIMITS = JsonLimits.of(32 * 1024 * 1024, 64);
    public static final String DEFAULT_SOURCE = "classpath:rules.json";

    private static final String DEFAULT_RESOURCE = "/rules.json";
    private static final List<String> RULE_FIELDS = List.of("id", "prefix", "suffix", "exclude", "encryption", "mode",
            "previousVersions");
    private static final List<String> ENCRYPTION_FIELDS = List.of("algorithm", "kmsKeyId", "dataEncryption", "exact");
    private static final String ALGORITHMS = algorithmNames();
    /** The key id the packaged rules.json and s.yaml ship with, for users to replace. */
    private static final String PLACEHOLDER_KMS_KEY_ID = "example-placeholder-cmk-id-replace-me";

    private final StrictJsonReader in;
    /** Where each rule id was first used: ids are unique across the file. */
    private final Map<String, RuleAt> firstUses = new HashMap<>();
    /*
     * Equal values read once each: a large file repeats a few specs, and often the same prefixes, suffixes, excludes
     * and index groups bucket after bucket. A reload holds the rules in force and the new ones at once.
     */
    private final Interner<EncryptionSpec> specs = new Interner<>();
    private final Interner<String> strings = new Interner<>();
    private final Interner<List<String>> excludes = new Interner<>();
    private final Interner<List<Integer>> groups = new Interner<>();
    private final List<String> warnings = new ArrayList<>();

    private RulesParser(StrictJsonReader in) {
        this.in = in;
    }

    /** @param source where the text came from, for messages and {@link RuleSet#source()} */
    public static RuleSet parse(String json, String source) throws RulesException {
        try {
            return new RulesParser(StrictJsonReader.of(json, LIMITS)).read(source);
        } catch (JsonReadException e) {
            throw new RulesException(source, Problems.of(e.problem()));
        }
    }

    /** Rules from raw bytes, which must be UTF-8 (checked strictly). */
    public static RuleSet parse(byte[] utf8, String source) throws RulesException {
        return parse(ByteBuffer.wrap(utf8), source);
    }

    /** Rules from the buffer's remaining bytes, UTF-8, read in place (its position is left as it is). */
    public static RuleSet parse(ByteBuffer utf8, String source) throws RulesException {
        try {
            return new RulesParser(StrictJsonReader.of(utf8, LIMITS)).read(source);
        } catch (JsonReadException e) {
            throw new RulesException(source, Problems.of(e.problem()));
        }
    }

    /** Loads a rules file; a file that is missing, unreadable or not UTF-8 is a {@link RulesException} too. */
    public static RuleSet load(Path file) throws RulesException {
        String source = file.toString();
        try {
            return parse(read(file), source);
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

    /**
     * The file's bytes, read straight into one array of its size: a large file read in chunks would hold its size
     * twice, and in a small heap that costs collections. Past the limit, only enough of it to be refused by name.
     */
    private static byte[] read(Path file) throws IOException {
        if (Files.size(file) <= LIMITS.maxBytes()) {
            return Files.readAllBytes(file);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return readBounded(in);
        }
    }

    /** Reads one byte past the limit, enough for {@link StrictJsonReader} to refuse an oversized file by name. */
    private static byte[] readBounded(InputStream in) throws IOException {
        return in.readNBytes(LIMITS.maxBytes() + 1);
    }

    /**
     * Reads the whole document, then refuses it if anything was wrong. A problem with the JSON itself (syntax,
     * encoding, a duplicate field, nesting) ends the read and is reported alone, as if the document had been checked
     * before its contents.
     */
    private RuleSet read(String source) throws JsonReadException, RulesException {
        Problems problems = new Problems();
        Map<String, BucketIndex> buckets = new LinkedHashMap<>();
        objectWithOneField("$", "buckets", (path, inBuckets) -> readBuckets(path, inBuckets, buckets), problems);
        in.endDocument();
        if (!problems.isEmpty()) {
            throw new RulesException(source, problems);
        }
        return RuleSet.indexed(source, buckets, warnings);
    }

    /** Where a rule is: its bucket's rules array and its index there. Its path is made only when needed. */
    private static final class RuleAt {
        private final String rulesPath;
        private final int index;

        RuleAt(String rulesPath, int index) {
            this.rulesPath = rulesPath;
            this.index = index;
        }

        String path() {
            return Fields.element(rulesPath, index);
        }
    }

    /** Reads the value of a field whose path is given, recording what is wrong with it. */
    private interface FieldReader {
        void read(String path, Problems problems) throws JsonReadException;
    }

    /**
     * An object whose one field, {@code name}, {@code field} reads; any other field is unknown. Problems are listed
     * as a reader of the file expects them: unknown fields, then the field missing, then what is wrong within it.
     */
    private void objectWithOneField(String path, String name, FieldReader field, Problems problems)
            throws JsonReadException {
        if (in.peek() != JsonToken.BEGIN_OBJECT) {
            Fields.object(in.nextTree(), path, problems);
            return;
        }
        Problems within = new Problems();
        boolean found = false;
        in.beginObject();
        while (in.hasNext()) {
            String fieldName = in.nextName();
            if (fieldName.equals(name)) {
                found = true;
                field.read(Fields.child(path, name), within);
            } else {
                problems.add(Fields.child(path, fieldName), Fields.unknownField(List.of(name)));
                in.nextTree();
            }
        }
        in.endObject();
        if (!found) {
            problems.add(Fields.child(path, name), "missing");
        }
        problems.addAll(within);
    }

    private void readBuckets(String path, Problems problems, Map<String, BucketIndex> out) throws JsonReadException {
        if (in.peek() != JsonToken.BEGIN_OBJECT) {
            Fields.object(in.nextTree(), path, problems);
            return;
        }
        in.beginObject();
        if (!in.hasNext()) {
            problems.add(path, "empty, expected at least one bucket");
        }
        while (in.hasNext()) {
            String bucket = in.nextName();
            String bucketPath = Fields.child(path, bucket);
            BucketName.problemWith(bucket).ifPresent(problem -> problems.add(bucketPath, problem));
            objectWithOneField(bucketPath, "rules", (rulesPath, inRules) -> readRules(rulesPath, inRules)
                    .ifPresent(rules -> out.put(bucket, rules)), problems);
        }
        in.endObject();
    }

    /**
     * Reads a bucket's rules, one JSON tree at a time, and indexes them; then checks that each can match some key the
     * rules before it leave over. The index serves both that check and the rule set.
     */
    private Optional<BucketIndex> readRules(String path, Problems problems) throws JsonReadException {
        if (in.peek() != JsonToken.BEGIN_ARRAY) {
            Fields.array(in.nextTree(), path, problems);
            return Optional.empty();
        }
        List<Rule> rules = new ArrayList<>();
        List<RuleAt> places = new ArrayList<>();
        in.beginArray();
        if (!in.hasNext()) {
            problems.add(path, "empty, expected at least one rule");
        }
        for (int i = 0; in.hasNext(); i++) {
            RuleAt place = new RuleAt(path, i);
            Optional<Fields> fields = Fields.object(in.nextTree(), place.path(), problems);
            Optional<Rule> rule = fields.isPresent() ? readRule(fields.get(), place, problems) : Optional.empty();
            if (rule.isPresent()) {
                rules.add(rule.get());
                places.add(place);
            }
        }
        in.endArray();
        BucketIndex index = new BucketIndex(rules, groups);
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            String rulePath = places.get(i).path();
            Optional<String> excluded = rule.excludeCoveringPrefix();
            if (excluded.isPresent()) {
                problems.add(rulePath, "rule " + Problems.quote(rule.id()) + " can never match: it excludes "
                        + Problems.quote(excluded.get()) + ", which covers its prefix "
                        + Problems.quote(rule.prefixOrEmpty()));
            }
            OptionalInt earlier = index.shadowing(i);
            if (earlier.isPresent()) {
                problems.add(rulePath, "rule " + Problems.quote(rule.id()) + " can never match: earlier rule "
                        + Problems.quote(rules.get(earlier.getAsInt()).id()) + " (" + places.get(earlier.getAsInt()).path()
                        + ") matches every key it could match");
            }
        }
        return Optional.of(index);
    }

    /**
     * A rule, or empty when it has a problem; every problem found is recorded either way. Each value is checked
     * right after it is read, so that problems are listed in document order.
     */
    private Optional<Rule> readRule(Fields rule, RuleAt place, Problems problems) {
        int problemsBefore = problems.count();
        rule.allowOnly(RULE_FIELDS);
        Optional<String> id = rule.requiredString("id");
        if (id.isPresent()) {
            id = rule.unless(blankProblem(id.get()), "id", id.get());
        }
        Optional<String> prefix = nonEmpty(rule, "prefix").map(strings::intern);
        Optional<String> suffix = nonEmpty(rule, "suffix").map(strings::intern);
        Optional<JsonArray> excludeArray = rule.optionalArray("exclude");
        List<String> exclude = excludeArray.isPresent()
                ? excludes.intern(readExclude(excludeArray.get(), rule.pathOf("exclude"), problems))
                : List.of();
        Mode mode = readChoice(rule, "mode", "a mode", Mode.values()).orElse(Mode.ENFORCE);
        PreviousVersions previousVersions = readChoice(rule, "previousVersions", "a previous-versions policy",
                PreviousVersions.values()).orElse(PreviousVersions.KEEP);
        Optional<Fields> encryptionFields = rule.requiredObject("encryption");
        Optional<EncryptionSpec> encryption = encryptionFields.isPresent()
                ? readEncryption(encryptionFields.get(), problems)
                : Optional.empty();
        if (id.isPresent()) {
            RuleAt first = firstUses.putIfAbsent(id.get(), place);
            if (first != null) {
                problems.add(rule.pathOf("id"), "duplicate id " + Problems.quote(id.get()) + " (first used at "
                        + Fields.child(first.path(), "id") + "); ids are unique across the file because outcomes are reported by rule id");
            }
        }
        if (problems.count() > problemsBefore || id.isEmpty() || encryption.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Rule.of(id.get(), prefix, suffix, exclude, encryption.get(), mode, previousVersions));
    }

    /** An optional prefix or suffix: present means not empty, since an empty one is the same as none. */
    private static Optional<String> nonEmpty(Fields rule, String field) {
        Optional<String> value = rule.optionalString(field);
        return value.isPresent() ? rule.unless(emptyProblem(value.get()), field, value.get()) : value;
    }

    /** An optional field holding one of an enum's config names; anything else is a problem naming the choices. */
    private static <E extends Enum<E>> Optional<E> readChoice(Fields rule, String field, String what, E[] values) {
        Optional<String> name = rule.optionalString(field);
        if (name.isPresent()) {
            name = rule.unless(choiceProblem(name.get(), what, values), field, name.get());
        }
        return name.isPresent() ? ConfigNames.parse(values, name.get()) : Optional.empty();
    }

    private static <E extends Enum<E>> Optional<String> choiceProblem(String name, String what, E[] values) {
        return ConfigNames.parse(values, name).isPresent()
                ? Optional.empty()
                : Optional.of(Problems.quote(name) + " is not " + what + " (allowed: " + ConfigNames.allowed(values)
                        + ")");
    }

    /** The excluded prefixes, as an immutable list. */
    private List<String> readExclude(JsonArray array, String path, Problems problems) {
        List<String> exclude = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String elementPath = Fields.element(path, i);
            Optional<String> excluded = Fields.string(array.get(i), elementPath, problems);
            if (excluded.isPresent() && excluded.get().isEmpty()) {
                problems.add(elementPath, "empty (it would exclude every key)");
            } else if (excluded.isPresent()) {
                exclude.add(strings.intern(excluded.get()));
            }
        }
        return List.copyOf(exclude);
    }

    private Optional<EncryptionSpec> readEncryption(Fields encryption, Problems problems) {
        encryption.allowOnly(ENCRYPTION_FIELDS);
        Optional<Algorithm> algorithm = algorithm(encryption, "algorithm", encryption.requiredString("algorithm"),
                "allowed: " + ALGORITHMS);
        Optional<String> kmsKeyId = encryption.optionalString("kmsKeyId");
        Optional<Algorithm> dataEncryption = algorithm(encryption, "dataEncryption",
                encryption.optionalString("dataEncryption"), "dataEncryption must be " + Algorithm.SM4);
        boolean exact = encryption.optionalBoolean("exact").orElse(false);
        if (algorithm.isEmpty()) {
            return Optional.empty();
        }
        // EncryptionSpec.of states which combinations OSS accepts: ask it about each optional part on its own, so
        // that a rule wrong in two ways hears about both.
        boolean keyIdFits = fits(algorithm.get(), kmsKeyId, Optional.empty(), exact, encryption.pathOf("kmsKeyId"),
                problems);
        boolean dataEncryptionFits = fits(algorithm.get(), Optional.empty(), dataEncryption, exact,
                encryption.pathOf("dataEncryption"), problems);
        if (keyIdFits && kmsKeyId.equals(Optional.of(PLACEHOLDER_KMS_KEY_ID))) {
            warnings.add(encryption.pathOf("kmsKeyId") + ": " + Problems.quote(PLACEHOLDER_KMS_KEY_ID) + " is the"
                    + " placeholder the project ships, not a key: until it names your CMK, every rewrite under this"
                    + " rule fails");
        }
        return keyIdFits && dataEncryptionFits
                ? Optional.of(specs.intern(EncryptionSpec.of(algorithm.get(), kmsKeyId, dataEncryption, exact)))
                : Optional.empty();
    }

    /** Whether OSS accepts the combination; when not, says why under {@code path}. */
    private static boolean fits(Algorithm algorithm, Optional<String> kmsKeyId, Optional<Algorithm> dataEncryption,
            boolean exact, String path, Problems problems) {
        try {
            EncryptionSpec.of(algorithm, kmsKeyId, dataEncryption, exact);
            return true;
        } catch (IllegalArgumentException e) {
            problems.add(path, e.getMessage());
            return false;
        }
    }

    /** The algorithm a string field read as {@code name} names, or empty with a problem recorded. */
    private static Optional<Algorithm> algorithm(Fields encryption, String field, Optional<String> name,
            String allowed) {
        if (name.isPresent()) {
            name = encryption.unless(algorithmProblem(name.get(), allowed), field, name.get());
        }
        return name.isPresent() ? Optional.of(Algorithm.valueOf(name.get())) : Optional.empty();
    }

    private static Optional<String> algorithmProblem(String value, String allowed) {
        for (Algorithm algorithm : Algorithm.values()) {
            if (algorithm.name().equals(value)) {
                return Optional.empty();
            }
        }
        return Optional.of(Problems.quote(value) + " is not an algorithm (" + allowed + ")");
    }

    private static Optional<String> blankProblem(String value) {
        return value.isBlank() ? Optional.of(value.isEmpty() ? "empty" : "blank") : Optional.empty();
    }

    private static Optional<String> emptyProblem(String value) {
        return value.isEmpty() ? Optional.of("empty (leave the field out to match every key)") : Optional.empty();
    }

    private static String algorithmNames() {
        StringBuilder names = new StringBuilder();
        for (Algorithm algorithm : Algorithm.values()) {
            names.append(names.length() == 0 ? "" : ", ").append(algorithm.name());
        }
        return names.toString();
    }
}
