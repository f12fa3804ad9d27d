package io.ossenforcer.deploy;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The fc3 component's JSON schema for {@code props} ({@code test-fixtures/reference/fc3-schema.json}, draft-07), and
 * validation of s.yaml values against it or against one of its definitions.
 */
final class Fc3Schema {
    private static final Gson GSON = new Gson();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);

    private final JsonObject json;
    private final Schema propsSchema;

    private Fc3Schema(JsonObject json) {
        this.json = json;
        this.propsSchema = REGISTRY.getSchema(json.toString(), InputFormat.JSON);
    }

    static Fc3Schema load() {
        return new Fc3Schema(ProjectFiles.readJson(ProjectFiles.reference("fc3-schema.json")).getAsJsonObject());
    }

    /** Violations of the whole props schema, one readable line each; empty when the props would deploy. */
    List<String> validateProps(Map<String, Object> props) {
        return describe(propsSchema.validate(GSON.toJson(props), InputFormat.JSON));
    }

    /**
     * Violations of one definition, e.g. {@code IOssTriggerConfig}. Needed where the full schema is too lenient to
     * tell: it accepts a trigger's config if any of several definitions matches, one of which allows any object.
     */
    List<String> validateAgainstDefinition(String definition, Object value) {
        JsonObject wrapper = new JsonObject();
        wrapper.addProperty("$schema", json.get("$schema").getAsString());
        wrapper.add("definitions", json.get("definitions"));
        wrapper.addProperty("$ref", "#/definitions/" + definition);
        Schema schema = REGISTRY.getSchema(wrapper.toString(), InputFormat.JSON);
        return describe(schema.validate(GSON.toJson(value), InputFormat.JSON));
    }

    /** Property names the schema declares for props. It does not forbid others, so a misspelt key passes it. */
    Set<String> propertyNames() {
        return json.getAsJsonObject("properties").keySet();
    }

    /** Property names a definition declares, e.g. those of {@code ITrigger}. */
    Set<String> propertyNames(String definition) {
        return json.getAsJsonObject("definitions").getAsJsonObject(definition).getAsJsonObject("properties").keySet();
    }

    private static List<String> describe(List<Error> errors) {
        return errors.stream().map(Error::toString).collect(Collectors.toList());
    }
}
