package io.ossenforcer.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * A Serverless Devs project file ({@code s.yaml}, {@code docs/s.eventbridge.yaml}) as Serverless Devs would hand it to
 * the fc3 component: YAML anchors and merge keys ({@code <<: *anchor}) applied, {@code ${...}} expressions resolved,
 * {@code ${vars.x}} from the file's own {@code vars} ({@code ${vars.x.0}} for an item of a list, the only indexing
 * Serverless Devs understands), {@code ${config('...')}} and {@code ${env(...)}} with representative values (what
 * {@code s config} and the environment would supply at deploy time).
 */
final class SYaml {
    /** Stand-ins for what {@code s config add} stores; only their shape matters to the schema. */
    static final Map<String, String> CONFIG = Map.of("AccountID", "1234567890123456");

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern VAR = Pattern.compile("vars\\.(\\w+)(?:\\.(\\d+))?");
    private static final Pattern BRACKET_INDEX = Pattern.compile("vars\\.\\w+\\[\\d+]");
    private static final Pattern CONFIG_CALL = Pattern.compile("config\\(\\s*['\"](\\w+)['\"]\\s*\\)");
    private static final Pattern ENV_WITH_DEFAULT =
            Pattern.compile("env\\(\\s*['\"]\\w+['\"]\\s*,\\s*['\"]([^'\"]*)['\"]\\s*\\)");

    private final String file;
    private final Map<String, Object> document;

    private SYaml(String file, Map<String, Object> document) {
        this.file = file;
        this.document = document;
    }

    /** The project file at {@code relative} (from the project root), resolved. */
    static SYaml load(String relative) {
        Map<String, Object> raw = new Yaml().load(ProjectFiles.read(ProjectFiles.file(relative)));
        Map<String, Object> vars = asMap(raw.getOrDefault("vars", Map.of()));
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> resolved = (Map<String, Object>) resolve(raw, vars);
            return new SYaml(relative, resolved);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(relative + " " + e.getMessage(), e);
        }
    }

    /** Where the file is, relative to the project root. */
    String file() {
        return file;
    }

    Map<String, Object> document() {
        return document;
    }

    /** The file's {@code vars}, resolved like the rest. */
    Map<String, Object> vars() {
        return asMap(document.getOrDefault("vars", Map.of()));
    }

    /**
     * A path the file names, resolved as Serverless Devs resolves {@code code} and an action's {@code path}: from the
     * folder the file is in.
     */
    Path resolvePath(String path) {
        return ProjectFiles.root().resolve(file).getParent().resolve(path).normalize();
    }

    /** The {@code props} of every resource whose component is fc3, by resource name. */
    Map<String, Map<String, Object>> fc3Props() {
        Map<String, Map<String, Object>> props = new LinkedHashMap<>();
        asMap(document.get("resources")).forEach((name, resource) -> {
            Map<String, Object> body = asMap(resource);
            if ("fc3".equals(body.get("component"))) {
                props.put(name, asMap(body.get("props")));
            }
        });
        return props;
    }

    /** The props of the upload enforcer, the fc3 resource every file deploys. */
    Map<String, Object> functionProps() {
        return props("enforcer");
    }

    /** The props of the fc3 resource {@code name}. */
    Map<String, Object> props(String name) {
        Map<String, Map<String, Object>> all = fc3Props();
        if (!all.containsKey(name)) {
            throw new IllegalStateException("no fc3 resource " + name + " in " + file + ", only " + all.keySet());
        }
        return all.get(name);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> asList(Object value) {
        return (List<Object>) value;
    }

    private static Object resolve(Object node, Map<String, Object> vars) {
        if (node instanceof Map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            asMap(node).forEach((key, value) -> copy.put(key, resolve(value, vars)));
            return copy;
        }
        if (node instanceof List) {
            List<Object> copy = new ArrayList<>();
            asList(node).forEach(item -> copy.add(resolve(item, vars)));
            return copy;
        }
        if (node instanceof String) {
            return resolveString((String) node, vars);
        }
        return node;
    }

    private static Object item(Object list, int index, String expression) {
        if (!(list instanceof List) || index >= asList(list).size()) {
            throw new IllegalArgumentException("uses ${" + expression + "} but that var is not a list with an"
                    + " item " + index);
        }
        return asList(list).get(index);
    }

    private static String resolveString(String text, Map<String, Object> vars) {
        Matcher matcher = EXPRESSION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(evaluate(matcher.group(1).trim(), vars)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String evaluate(String expression, Map<String, Object> vars) {
        Matcher var = VAR.matcher(expression);
        if (var.matches()) {
            Object value = vars.get(var.group(1));
            if (value == null) {
                throw new IllegalArgumentException("uses ${" + expression + "} but vars has no " + var.group(1));
            }
            if (var.group(2) != null) {
                value = item(value, Integer.parseInt(var.group(2)), expression);
            }
            if (value instanceof Map || value instanceof List) {
                throw new IllegalArgumentException("uses ${" + expression + "} inside a string, but it is not"
                        + " a single value (a list takes an index: ${vars.name.0})");
            }
            return resolveString(String.valueOf(value), vars);
        }
        Matcher config = CONFIG_CALL.matcher(expression);
        if (config.matches() && CONFIG.containsKey(config.group(1))) {
            return CONFIG.get(config.group(1));
        }
        Matcher env = ENV_WITH_DEFAULT.matcher(expression);
        if (env.matches()) {
            return env.group(1);
        }
        if (BRACKET_INDEX.matcher(expression).matches()) {
            // Serverless Devs 3.1.10 fails on it: "RuntimeError: ${vars.x[0]} not found".
            throw new IllegalArgumentException("uses ${" + expression + "}, which Serverless Devs does not understand;"
                    + " index a list with a dot: ${vars.name.0}");
        }
        // Refuse rather than pass the expression through: an unresolved value would be validated as a literal.
        throw new IllegalArgumentException("uses ${" + expression + "}, which this check cannot resolve;"
                + " teach SYaml a representative value for it");
    }
}
