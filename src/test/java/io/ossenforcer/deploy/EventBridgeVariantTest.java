package io.ossenforcer.deploy;

import static io.ossenforcer.deploy.SYaml.asMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/s.eventbridge.yaml would deploy with fc3, deploys s.yaml's function, and its EventBridge trigger selects the
 * same events of the same buckets in a shape the handler reads.
 */
class EventBridgeVariantTest extends Fc3DeploymentContract {
    private static final String SAMPLE = "events/eventbridge-put-object.json";

    private static SYaml variant;
    private static SYaml sYaml;

    @BeforeAll
    static void load() {
        variant = SYaml.load("docs/s.eventbridge.yaml");
        sYaml = SYaml.load("s.yaml");
    }

    @Override
    SYaml sYaml() {
        return variant;
    }

    @Test
    void triggerConfigValidatesAgainstTheEventBridgeDefinition() {
        assertTriggerConfigsMatch("eventbridge", "IEventBridge");
    }

    @Test
    void deploysTheSameFunctionAsSYamlWithOnlyItsTriggersDifferent() {
        assertSameEntries(sYaml.vars(), variant.vars(), "vars");
        assertSameEntries(withoutTriggersAndCode(sYaml.functionProps()), withoutTriggersAndCode(variant.functionProps()),
                "props");
        // The same jar, named from each file's own folder.
        assertEquals(sYaml.resolvePath((String) sYaml.functionProps().get("code")),
                variant.resolvePath((String) variant.functionProps().get("code")));
    }

    /** Equal maps, or a failure naming each key whose values differ. */
    private static void assertSameEntries(Map<String, Object> expected, Map<String, Object> actual, String what) {
        Map<String, List<Object>> differences = new TreeMap<>();
        Set<String> keys = new HashSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String key : keys) {
            if (!Objects.equals(expected.get(key), actual.get(key))) {
                differences.put(key, Arrays.asList(expected.get(key), actual.get(key)));
            }
        }
        assertTrue(differences.isEmpty(), "docs/s.eventbridge.yaml " + what + " differ from s.yaml's"
                + " ([s.yaml, variant] by key): " + differences);
    }

    @Test
    void patternSelectsTheObjectCreatedEventsOfEveryRuleBucketAndNothingElse() {
        JsonObject pattern = pattern();
        assertEquals(Set.of("source", "type", "data"), pattern.keySet(), "the pattern filters on more or less");
        assertEquals(Set.of("acs.oss"), strings(pattern.getAsJsonArray("source")));
        assertEquals(SYamlTest.OBJECT_CREATED_EVENTS, strings(pattern.getAsJsonArray("type")),
                "the pattern's event types differ from s.yaml's OSS triggers");
        JsonArray buckets = pattern.getAsJsonObject("data").getAsJsonObject("oss").getAsJsonObject("bucket")
                .getAsJsonArray("name");
        assertEquals(Set.copyOf(ruleBuckets()), strings(buckets), "the pattern's buckets are not vars.ruleBuckets");
    }

    @Test
    void patternSelectsTheEventBridgeSampleOfARuleBucket() {
        JsonObject sample = ProjectFiles.readJson(ProjectFiles.file(SAMPLE)).getAsJsonObject();
        assertTrue(matches(pattern(), sample), "the pattern does not select " + SAMPLE);
        JsonObject otherBucket = sample.deepCopy();
        otherBucket.getAsJsonObject("data").getAsJsonObject("oss").getAsJsonObject("bucket")
                .addProperty("name", "not-a-rule-bucket");
        assertFalse(matches(pattern(), otherBucket), "the pattern selects a bucket the rules do not name");
    }

    @Test
    void patternDropsTheEventsOfTheFunctionsOwnPrincipal() {
        JsonObject ownCopy = sample();
        ownCopy.getAsJsonObject("data").getAsJsonObject("userIdentity").addProperty("principalId",
                (String) sYaml().vars().get("ownPrincipalId"));

        assertFalse(matches(pattern(), ownCopy), "the pattern selects an event of the function's own principal");
        assertTrue(matches(pattern(), sample()), "the pattern drops an event of another principal");
    }

    @Test
    void deliversOneCloudEventPerAsynchronousInvocation() {
        Map<String, Object> config = asMap(triggersOfType("eventbridge").get(0).get("triggerConfig"));
        // RawData would deliver the bare record, which the parser refuses; event-driven never batches. The shape
        // that remains is events/eventbridge-put-object.json's, which EventSamplesTest has the parser read.
        assertEquals("CloudEvents", asMap(asMap(config.get("eventSinkConfig")).get("deliveryOption")).get("eventSchema"));
        assertEquals("event-driven", asMap(config.get("runOptions")).get("mode"));
        // Asynchronous, so asyncInvokeConfig's retries and failure destination apply as with a native trigger.
        assertEquals(true, config.get("asyncInvocationType"));
    }

    private static JsonObject sample() {
        return ProjectFiles.readJson(ProjectFiles.file(SAMPLE)).getAsJsonObject();
    }

    private JsonObject pattern() {
        List<Map<String, Object>> triggers = triggersOfType("eventbridge");
        assertEquals(1, triggers.size(), "one EventBridge trigger serves every rule bucket");
        Map<String, Object> config = asMap(triggers.get(0).get("triggerConfig"));
        return JsonParser.parseString((String) config.get("eventRuleFilterPattern")).getAsJsonObject();
    }

    /**
     * EventBridge's matching for the patterns used here: every field of the pattern is in the event with the same
     * nesting, and a list of values matches an event value equal to one of them. Other operators are refused.
     */
    private static boolean matches(JsonObject pattern, JsonObject event) {
        for (Map.Entry<String, JsonElement> field : pattern.entrySet()) {
            JsonElement value = event.get(field.getKey());
            if (value == null) {
                return false;
            }
            JsonElement condition = field.getValue();
            if (condition.isJsonObject()) {
                if (!value.isJsonObject() || !matches(condition.getAsJsonObject(), value.getAsJsonObject())) {
                    return false;
                }
            } else {
                if (!anyOptionMatches(condition.getAsJsonArray(), value)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A value or {@code {"anything-but": value}}; a list of options matches when one of them does. */
    private static boolean anyOptionMatches(JsonArray options, JsonElement value) {
        for (JsonElement option : options) {
            if (option.isJsonPrimitive() && option.equals(value)) {
                return true;
            }
            if (option.isJsonObject()) {
                JsonObject operator = option.getAsJsonObject();
                assertEquals(Set.of("anything-but"), operator.keySet(),
                        "the pattern uses an operator this check does not model: " + option);
                JsonElement excluded = operator.get("anything-but");
                assertTrue(excluded.isJsonPrimitive(), "anything-but is modelled for one value only: " + option);
                if (!excluded.equals(value)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Map<String, Object> withoutTriggersAndCode(Map<String, Object> props) {
        Map<String, Object> rest = new LinkedHashMap<>(props);
        rest.remove("triggers");
        rest.remove("code");
        return rest;
    }

    private static Set<String> strings(JsonArray array) {
        Set<String> strings = new HashSet<>();
        array.forEach(item -> strings.add(item.getAsString()));
        return strings;
    }
}
