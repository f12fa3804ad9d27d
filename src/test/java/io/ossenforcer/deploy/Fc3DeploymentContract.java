package io.ossenforcer.deploy;

import static io.ossenforcer.deploy.SYaml.asList;
import static io.ossenforcer.deploy.SYaml.asMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What every Serverless Devs file of the project must hold, whichever trigger it deploys: props fc3 accepts, the
 * function the code expects, settings the function reads, and failed invocations kept. Each file's test extends this
 * with the checks of its own triggers.
 */
abstract class Fc3DeploymentContract {
    /** The handler class is written elsewhere; it is named here as text so this test never depends on it. */
    private static final String HANDLER_CLASS = "io.ossenforcer.handler.EnforcerHandler";
    /** The function artifact, which the shade plugin builds and every fc3 resource deploys. */
    static final String FUNCTION_JAR = "target/oss-sse-enforcer-function.jar";
    /** The JVM's own variable; every other one must be a setting of the function. */
    private static final String JVM_OPTIONS = "JAVA_TOOL_OPTIONS";
    /** A row of README's "Configuration" table: | `NAME` | default | meaning |. */
    private static final Pattern CONFIGURATION_ROW = Pattern.compile("(?m)^\\| `([A-Z_]+)` \\|");
    /** FC: letters, digits, '_' and '-', starting with a letter or '_', at most 128. */
    private static final Pattern TRIGGER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,127}");
    private static final Pattern OSS_URI = Pattern.compile("oss://[a-z0-9][a-z0-9-]{1,61}[a-z0-9]/.+");

    static Fc3Schema schema;

    @BeforeAll
    static void loadSchema() {
        schema = Fc3Schema.load();
    }

    /** The file under test, loaded once by the subclass. */
    abstract SYaml sYaml();

    @Test
    void propsOfEveryFc3ResourceValidateAgainstTheFc3Schema() {
        Map<String, Map<String, Object>> resources = sYaml().fc3Props();
        assertFalse(resources.isEmpty(), sYaml().file() + " declares no fc3 resource");
        resources.forEach((name, props) -> {
            List<String> errors = schema.validateProps(props);
            assertTrue(errors.isEmpty(), "resource " + name + " props violate the fc3 schema:\n" + String.join("\n", errors));
        });
    }

    @Test
    void propsAndTriggersUseOnlyFieldNamesTheSchemaDeclares() {
        // The schema allows unknown keys, and fc3 ignores them: a misspelt field would deploy without effect.
        Map<String, Object> props = sYaml().functionProps();
        assertOnlyDeclared(props.keySet(), schema.propertyNames(), "props");
        for (Map<String, Object> trigger : triggers()) {
            assertOnlyDeclared(trigger.keySet(), schema.propertyNames("ITrigger"), "trigger");
        }
    }

    @Test
    void schemaRejectsPropsWithAnUnsupportedRuntime() {
        // Proves the validation above is real: a runtime FC does not offer must fail it, and say where.
        Map<String, Object> broken = new LinkedHashMap<>(sYaml().functionProps());
        broken.put("runtime", "java17");
        List<String> errors = schema.validateProps(broken);
        assertFalse(errors.isEmpty(), "the fc3 schema accepted runtime java17");
        assertTrue(errors.stream().anyMatch(error -> error.contains("runtime")), "errors do not name runtime: " + errors);
    }

    @Test
    void handlerAndInitializerNameEnforcerHandlerMethods() {
        Map<String, Object> props = sYaml().functionProps();
        assertEquals(HANDLER_CLASS + "::handleRequest", props.get("handler"));
        Map<String, Object> initializer = asMap(asMap(props.get("instanceLifecycleConfig")).get("initializer"));
        assertEquals(HANDLER_CLASS + "::initialize", initializer.get("handler"));
    }

    @Test
    void runtimeIsJava11AndCodeIsTheShadedJarTheBuildProduces() {
        Map<String, Object> props = sYaml().functionProps();
        assertEquals("java11", props.get("runtime"));
        assertEquals(ProjectFiles.root().resolve(FUNCTION_JAR), sYaml().resolvePath((String) props.get("code")),
                "code is not the project's " + FUNCTION_JAR);
        // The jar's name comes from the shade plugin's finalName: renaming one without the other breaks the deploy.
        assertTrue(ProjectFiles.read(ProjectFiles.file("pom.xml"))
                .contains("<finalName>oss-sse-enforcer-function</finalName>"),
                "pom.xml no longer shades to " + FUNCTION_JAR);
    }

    /**
     * fc3's schema bounds each alone; FC 3.0 also wants 1 to 4 GB of memory per vCPU ("the ratio of CPU to memory
     * size (in GB) must be between 1:1 and 1:4", Alibaba Cloud's ALIYUN::FC3::Function reference, Cpu).
     */
    @Test
    void cpuAndMemoryAreInARatioFunctionComputeAccepts() {
        Map<String, Object> props = sYaml().functionProps();
        double cpu = ((Number) props.get("cpu")).doubleValue();
        double memoryGb = ((Number) props.get("memorySize")).intValue() / 1024.0;
        assertTrue(memoryGb >= cpu && memoryGb <= 4 * cpu,
                "memorySize " + props.get("memorySize") + " MB is not 1 to 4 GB per vCPU of cpu " + cpu);
    }

    /**
     * Every billed millisecond is billed at memorySize, and the function peaks far below any size FC allows
     * (docs/OPERATIONS.md, "Memory"): so the least FC 3.0 accepts for the cpu — a multiple of 64 MB (fc3's schema,
     * and "Valid values: 128 to 32768 ... a multiple of 64"), at least 1 GB per vCPU ("The ratio of vCPU capacity to
     * memory capacity (in GB) ranges from 1:1 to 1:4", https://www.alibabacloud.com/help/en/fc/instance-types-and-instance-modes).
     */
    @Test
    void memorySizeIsTheLeastFunctionComputeAllowsForTheCpu() {
        Map<String, Object> props = sYaml().functionProps();
        double cpu = ((Number) props.get("cpu")).doubleValue();
        int leastForCpu = (int) Math.ceil(cpu * 1024 / 64) * 64;
        assertEquals(Math.max(128, leastForCpu), ((Number) props.get("memorySize")).intValue(),
                "memorySize is not the least FC 3.0 allows for cpu " + cpu);
    }

    @Test
    void preDeployActionBuildsTheJarInTheProjectRoot() {
        Map<String, Object> resource = asMap(asMap(sYaml().document().get("resources")).get("enforcer"));
        Map<String, Object> action = asMap(asList(asMap(resource.get("actions")).get("pre-deploy")).get(0));
        assertTrue(((String) action.get("run")).startsWith("mvn -B -q package"), "pre-deploy does not build: " + action);
        assertEquals(ProjectFiles.root(), sYaml().resolvePath((String) action.get("path")),
                "pre-deploy does not run in the project root");
    }

    @Test
    void everyEnvironmentVariableIsASettingTheReadmeDocuments() {
        // A misspelt variable is silently ignored by the function, just as a misspelt field is by fc3.
        Set<String> documented = new HashSet<>();
        Matcher row = CONFIGURATION_ROW.matcher(ProjectFiles.read(ProjectFiles.file("README.md")));
        while (row.find()) {
            documented.add(row.group(1));
        }
        assertTrue(documented.contains("RULES_OSS_URI"), "README's configuration table was not found: " + documented);
        documented.add(JVM_OPTIONS);
        assertOnlyDeclared(environment().keySet(), documented, "environmentVariables (README \"Configuration\")");
    }

    @Test
    void rulesAreReadFromTheOssObjectInVarsAndRecheckedEveryFewSeconds() {
        Map<String, Object> environment = environment();
        assertEquals(sYaml().vars().get("rulesOssUri"), environment.get("RULES_OSS_URI"));
        assertTrue(OSS_URI.matcher((String) environment.get("RULES_OSS_URI")).matches(),
                "RULES_OSS_URI is not oss://bucket/key: " + environment.get("RULES_OSS_URI"));
        // FC hands environment variables over as strings: an unquoted 60 would not even pass the schema.
        assertTrue(String.valueOf(environment.get("RULES_TTL")).matches("[1-9][0-9]*"),
                "RULES_TTL is not a number of seconds: " + environment.get("RULES_TTL"));
        // The function refuses to start with both rules sources.
        assertFalse(environment.containsKey("RULES_FILE"), "RULES_FILE and RULES_OSS_URI are set together");
    }

    @Test
    void logLevelIsSet() {
        assertTrue(Set.of("DEBUG", "INFO", "WARN", "ERROR").contains(environment().get("LOG_LEVEL")),
                "LOG_LEVEL is not a log4j level: " + environment().get("LOG_LEVEL"));
    }

    @Test
    void invocationsThatFailEveryRetryGoToTheFailureQueueInTheFunctionsRegion() {
        Map<String, Object> async = asMap(sYaml().functionProps().get("asyncInvokeConfig"));
        assertTrue(((Number) async.get("maxAsyncRetryAttempts")).intValue() > 0, "failed invocations are not retried");
        String destination = (String) asMap(asMap(async.get("destinationConfig")).get("onFailure")).get("destination");
        String queue = Pattern.quote((String) sYaml().vars().get("failureQueue"));
        String region = (String) sYaml().functionProps().get("region");
        assertTrue(destination.matches("acs:mns:" + region + ":\\d+:/queues/" + queue + "/messages"),
                "onFailure is not the queue vars.failureQueue names, in " + region + ": " + destination);
    }

    @Test
    void everyTriggerHasAValidNameOfItsOwn() {
        Set<String> names = new HashSet<>();
        for (Map<String, Object> trigger : triggers()) {
            String name = (String) trigger.get("triggerName");
            assertTrue(TRIGGER_NAME.matcher(name).matches(), "not a valid FC trigger name: " + name);
            assertTrue(names.add(name), "two triggers are named " + name);
        }
    }

    /**
     * Every trigger of {@code type} has a config valid against the schema's {@code definition} alone. Needed because
     * the full schema accepts a trigger config if any of several definitions matches, one of which allows any object.
     */
    void assertTriggerConfigsMatch(String type, String definition) {
        for (Map<String, Object> trigger : triggersOfType(type)) {
            List<String> errors = schema.validateAgainstDefinition(definition, trigger.get("triggerConfig"));
            assertTrue(errors.isEmpty(), trigger.get("triggerName") + " is not a valid " + definition + ":\n"
                    + String.join("\n", errors));
        }
    }

    List<Map<String, Object>> triggers() {
        List<Map<String, Object>> triggers = asList(sYaml().functionProps().get("triggers")).stream()
                .map(SYaml::asMap).collect(Collectors.toList());
        assertFalse(triggers.isEmpty(), sYaml().file() + " declares no trigger");
        return triggers;
    }

    List<Map<String, Object>> triggersOfType(String type) {
        List<Map<String, Object>> triggers = triggers().stream()
                .filter(trigger -> type.equals(trigger.get("triggerType"))).collect(Collectors.toList());
        assertFalse(triggers.isEmpty(), sYaml().file() + " declares no " + type + " trigger");
        return triggers;
    }

    /** The rule buckets {@code vars.ruleBuckets} lists; at least two, so per-bucket wiring is exercised. */
    List<String> ruleBuckets() {
        List<String> buckets = asList(sYaml().vars().get("ruleBuckets")).stream().map(String::valueOf)
                .collect(Collectors.toList());
        assertTrue(buckets.size() >= 2, "vars.ruleBuckets should list at least two buckets: " + buckets);
        return buckets;
    }

    private Map<String, Object> environment() {
        return asMap(sYaml().functionProps().get("environmentVariables"));
    }

    static void assertOnlyDeclared(Set<String> used, Set<String> declared, String where) {
        Set<String> unknown = new TreeSet<>(used);
        unknown.removeAll(declared);
        assertTrue(unknown.isEmpty(), where + " uses names that are not declared: " + unknown);
    }
}
