package io.ossenforcer.deploy;

import static io.ossenforcer.deploy.SYaml.asList;
import static io.ossenforcer.deploy.SYaml.asMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** s.yaml would deploy with fc3, and deploys the function the code expects. */
class SYamlTest {
    /** The handler class is written elsewhere; it is named here as text so this test never depends on it. */
    private static final String HANDLER_CLASS = "io.ossenforcer.handler.EnforcerHandler";

    private static SYaml sYaml;
    private static Fc3Schema schema;

    @BeforeAll
    static void load() {
        sYaml = SYaml.load();
        schema = Fc3Schema.load();
    }

    @Test
    void propsOfEveryFc3ResourceValidateAgainstTheFc3Schema() {
        Map<String, Map<String, Object>> resources = sYaml.fc3Props();
        assertFalse(resources.isEmpty(), "s.yaml declares no fc3 resource");
        resources.forEach((name, props) -> {
            List<String> errors = schema.validateProps(props);
            assertTrue(errors.isEmpty(), "resource " + name + " props violate the fc3 schema:\n" + String.join("\n", errors));
        });
    }

    @Test
    void ossTriggerConfigValidatesAgainstTheOssTriggerDefinition() {
        for (Map<String, Object> trigger : ossTriggers()) {
            List<String> errors = schema.validateAgainstDefinition("IOssTriggerConfig", trigger.get("triggerConfig"));
            assertTrue(errors.isEmpty(), trigger.get("triggerName") + " is not a valid OSS trigger config:\n"
                    + String.join("\n", errors));
        }
    }

    @Test
    void propsAndTriggersUseOnlyFieldNamesTheSchemaDeclares() {
        // The schema allows unknown keys, and fc3 ignores them: a misspelt field would deploy without effect.
        Map<String, Object> props = sYaml.functionProps();
        assertOnlyDeclared(props.keySet(), schema.propertyNames(), "props");
        for (Object trigger : asList(props.get("triggers"))) {
            assertOnlyDeclared(asMap(trigger).keySet(), schema.propertyNames("ITrigger"), "trigger");
        }
    }

    @Test
    void triggerFiresOnlyOnObjectCreatedEvents() {
        for (Map<String, Object> trigger : ossTriggers()) {
            List<Object> events = asList(asMap(trigger.get("triggerConfig")).get("events"));
            assertFalse(events.isEmpty(), "trigger lists no events");
            for (Object event : events) {
                assertTrue(String.valueOf(event).startsWith("oss:ObjectCreated:"), "not an object-created event: " + event);
            }
        }
    }

    @Test
    void triggerSourceIsABucketInTheFunctionsRegion() {
        // An OSS trigger only fires for a bucket in the function's own region.
        String region = (String) sYaml.functionProps().get("region");
        for (Map<String, Object> trigger : ossTriggers()) {
            String sourceArn = (String) trigger.get("sourceArn");
            assertTrue(sourceArn.matches("acs:oss:" + region + ":\\d+:[a-z0-9][a-z0-9-]{1,61}[a-z0-9]"),
                    "sourceArn is not a bucket in " + region + ": " + sourceArn);
        }
    }

    @Test
    void handlerAndInitializerNameEnforcerHandlerMethods() {
        Map<String, Object> props = sYaml.functionProps();
        assertEquals(HANDLER_CLASS + "::handleRequest", props.get("handler"));
        Map<String, Object> initializer = asMap(asMap(props.get("instanceLifecycleConfig")).get("initializer"));
        assertEquals(HANDLER_CLASS + "::initialize", initializer.get("handler"));
    }

    @Test
    void runtimeIsJava11AndCodeIsTheShadedJarTheBuildProduces() {
        Map<String, Object> props = sYaml.functionProps();
        assertEquals("java11", props.get("runtime"));
        assertEquals("./target/oss-sse-enforcer.jar", props.get("code"));
        // The jar's name comes from the shade plugin's finalName: renaming one without the other breaks the deploy.
        assertTrue(ProjectFiles.read(ProjectFiles.file("pom.xml")).contains("<finalName>oss-sse-enforcer</finalName>"),
                "pom.xml no longer shades to target/oss-sse-enforcer.jar");
    }

    @Test
    void schemaRejectsPropsWithAnUnsupportedRuntime() {
        // Proves the validation above is real: a runtime FC does not offer must fail it, and say where.
        Map<String, Object> broken = new LinkedHashMap<>(sYaml.functionProps());
        broken.put("runtime", "java17");
        List<String> errors = schema.validateProps(broken);
        assertFalse(errors.isEmpty(), "the fc3 schema accepted runtime java17");
        assertTrue(errors.stream().anyMatch(error -> error.contains("runtime")), "errors do not name runtime: " + errors);
    }

    private static List<Map<String, Object>> ossTriggers() {
        List<Map<String, Object>> triggers = new ArrayList<>();
        for (Object trigger : asList(sYaml.functionProps().get("triggers"))) {
            if ("oss".equals(asMap(trigger).get("triggerType"))) {
                triggers.add(asMap(trigger));
            }
        }
        assertFalse(triggers.isEmpty(), "s.yaml declares no OSS trigger");
        return triggers;
    }

    private static void assertOnlyDeclared(Set<String> used, Set<String> declared, String where) {
        Set<String> unknown = new TreeSet<>(used);
        unknown.removeAll(declared);
        assertTrue(unknown.isEmpty(), where + " uses fields the fc3 schema does not declare: " + unknown);
    }
}
