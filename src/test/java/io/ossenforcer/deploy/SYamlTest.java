package io.ossenforcer.deploy;

import static io.ossenforcer.deploy.SYaml.asList;
import static io.ossenforcer.deploy.SYaml.asMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * s.yaml would deploy with fc3, wires every rule bucket to the enforcer with native OSS triggers and to the sweep
 * function with timer triggers.
 */
class SYamlTest extends Fc3DeploymentContract {
    /** What creates an object the enforcer can rewrite; docs/DEPLOY.md says why these and no others. */
    static final Set<String> OBJECT_CREATED_EVENTS = Set.of("oss:ObjectCreated:PutObject",
            "oss:ObjectCreated:PostObject", "oss:ObjectCreated:CompleteMultipartUpload", "oss:ObjectCreated:CopyObject");

    private static final String SETTINGS_POLICY = "docs/ram-policy-settings.json";
    /** Named as text, like the enforcer's handler, so these tests never depend on the class. */
    private static final String SWEEP_HANDLER = "io.ossenforcer.handler.SweepHandler";

    private static SYaml sYaml;

    @BeforeAll
    static void load() {
        sYaml = SYaml.load("s.yaml");
    }

    @Override
    SYaml sYaml() {
        return sYaml;
    }

    @Test
    void ossTriggerConfigValidatesAgainstTheOssTriggerDefinition() {
        assertTriggerConfigsMatch("oss", "IOssTriggerConfig");
    }

    @Test
    void triggerFiresOnlyOnObjectCreatedEvents() {
        for (Map<String, Object> trigger : triggersOfType("oss")) {
            List<Object> events = asList(asMap(trigger.get("triggerConfig")).get("events"));
            assertFalse(events.isEmpty(), "trigger lists no events");
            for (Object event : events) {
                assertTrue(String.valueOf(event).startsWith("oss:ObjectCreated:"), "not an object-created event: " + event);
            }
        }
    }

    @Test
    void everyOssTriggerSubscribesPutPostCompleteMultipartAndCopy() {
        for (Map<String, Object> trigger : triggersOfType("oss")) {
            assertEquals(OBJECT_CREATED_EVENTS, Set.copyOf(asList(asMap(trigger.get("triggerConfig")).get("events"))),
                    trigger.get("triggerName") + " subscribes other events");
        }
    }

    @Test
    void triggerSourceIsABucketInTheFunctionsRegion() {
        // An OSS trigger only fires for a bucket in the function's own region.
        String region = (String) sYaml.functionProps().get("region");
        for (Map<String, Object> trigger : triggersOfType("oss")) {
            String sourceArn = (String) trigger.get("sourceArn");
            assertTrue(sourceArn.matches("acs:oss:" + region + ":\\d+:[a-z0-9][a-z0-9-]{1,61}[a-z0-9]"),
                    "sourceArn is not a bucket in " + region + ": " + sourceArn);
        }
    }

    @Test
    void everyRuleBucketHasExactlyOneOssTrigger() {
        List<String> subscribed = new ArrayList<>();
        for (Map<String, Object> trigger : triggersOfType("oss")) {
            String sourceArn = (String) trigger.get("sourceArn");
            subscribed.add(sourceArn.substring(sourceArn.lastIndexOf(':') + 1));
        }
        assertEquals(ruleBuckets(), subscribed, "OSS triggers do not match vars.ruleBuckets one to one");
    }

    @Test
    void sweepTriggerConfigValidatesAgainstTheTimerTriggerDefinition() {
        for (Map<String, Object> trigger : sweepTriggers()) {
            List<String> errors = schema.validateAgainstDefinition("ITimerTriggerConfig", trigger.get("triggerConfig"));
            assertTrue(errors.isEmpty(), trigger.get("triggerName") + " is not a valid ITimerTriggerConfig:\n"
                    + String.join("\n", errors));
        }
    }

    private static List<Map<String, Object>> sweepTriggers() {
        return asList(sYaml.props("sweep").get("triggers")).stream().map(SYaml::asMap)
                .filter(trigger -> "timer".equals(trigger.get("triggerType"))).collect(Collectors.toList());
    }

    @Test
    void theSweepIsAFunctionOfItsOwnFromTheSameArtifactWithTheEnforcersSettings() {
        Map<String, Object> sweep = sYaml.props("sweep");
        assertEquals(SWEEP_HANDLER + "::handleRequest", sweep.get("handler"));
        assertEquals(SWEEP_HANDLER + "::initialize",
                asMap(asMap(sweep.get("instanceLifecycleConfig")).get("initializer")).get("handler"));
        assertEquals(sYaml.resolvePath((String) sYaml.functionProps().get("code")),
                sYaml.resolvePath((String) sweep.get("code")));
        assertEquals(sYaml.functionProps().get("runtime"), sweep.get("runtime"));
        assertEquals(sYaml.functionProps().get("role"), sweep.get("role"));
        assertEquals(sYaml.functionProps().get("environmentVariables"), sweep.get("environmentVariables"));
        assertTrue(((Number) sweep.get("timeout")).intValue() >= 120, "a sweep run needs minutes: " + sweep);
        assertFalse(sweepTriggers().isEmpty());
        assertTrue(triggers().stream().noneMatch(t -> "timer".equals(t.get("triggerType"))),
                "the upload enforcer has timer triggers; they belong to the sweep function");
    }

    @Test
    void everyRuleBucketHasASweepThatIsOffUntilEnabled() {
        List<String> swept = new ArrayList<>();
        for (Map<String, Object> trigger : sweepTriggers()) {
            Map<String, Object> config = asMap(trigger.get("triggerConfig"));
            assertEquals(false, config.get("enable"), trigger.get("triggerName") + " sweeps as soon as it is deployed");
            JsonObject payload = JsonParser.parseString((String) config.get("payload")).getAsJsonObject();
            swept.add(payload.getAsJsonObject("sweep").get("bucket").getAsString());
        }
        assertEquals(ruleBuckets(), swept, "sweep triggers do not match vars.ruleBuckets one to one");
    }

    @Test
    void ramPolicyGrantsTheObjectsOfEveryRuleBucket() {
        Set<String> resources = new HashSet<>();
        for (JsonObject statement : RamPolicyTest.statements(RamPolicyTest.document("docs/ram-policy.json"))) {
            resources.addAll(RamPolicyTest.strings(statement, "Resource"));
        }
        for (String bucket : ruleBuckets()) {
            assertTrue(resources.contains("acs:oss:*:*:" + bucket + "/*"),
                    "docs/ram-policy.json does not grant the objects of rule bucket " + bucket);
        }
    }

    @Test
    void settingsPolicyGrantsReadingTheRulesObjectAndSendingToTheFailureQueueOnly() {
        // What s.yaml's settings need beyond the enforcer's own calls, kept out of docs/ram-policy.json.
        String rulesObject = ((String) sYaml.vars().get("rulesOssUri")).substring("oss://".length());
        Map<String, List<String>> expected = Map.of(
                "oss:GetObject", List.of("acs:oss:*:*:" + rulesObject),
                "mns:SendMessage", List.of("acs:mns:*:*:/queues/" + sYaml.vars().get("failureQueue") + "/messages"));
        Map<String, List<String>> granted = new HashMap<>();
        for (JsonObject statement : RamPolicyTest.statements(RamPolicyTest.document(SETTINGS_POLICY))) {
            assertEquals("Allow", statement.get("Effect").getAsString());
            for (String action : RamPolicyTest.strings(statement, "Action")) {
                granted.put(action, RamPolicyTest.strings(statement, "Resource"));
            }
        }
        assertEquals(expected, granted, SETTINGS_POLICY + " does not match s.yaml's vars");
    }
}
