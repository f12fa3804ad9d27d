package io.ossenforcer.json;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The fields of one JSON object, read by type. A missing required field or a value of the wrong type is recorded in
 * {@link Problems} under its JSON path and read as empty, so a reader can go on and find the next problem. An
 * optional field that is absent or {@code null} reads as empty.
 */
public final class Fields {
    private static final boolean REQUIRED = true;
    private static final boolean OPTIONAL = false;

    private final JsonObject object;
    private final String path;
    private final Problems problems;

    private Fields(JsonObject object, String path, Problems problems) {
        this.object = object;
        this.path = path;
        this.problems = problems;
    }

    /** The kinds of JSON value a reader asks for, each with how a problem names it. */
    private enum Kind {
        OBJECT("an object"), ARRAY("an array"), STRING("a string"), NUMBER("a number"), BOOLEAN("a boolean");

        final String wanted;

        Kind(String wanted) {
            this.wanted = wanted;
        }

        boolean of(JsonElement value) {
            if (this == OBJECT) {
                return value.isJsonObject();
            }
            if (this == ARRAY) {
                return value.isJsonArray();
            }
            if (!value.isJsonPrimitive()) {
                return false;
            }
            JsonPrimitive primitive = value.getAsJsonPrimitive();
            if (this == STRING) {
                return primitive.isString();
            }
            return this == NUMBER ? primitive.isNumber() : primitive.isBoolean();
        }
    }

    public static Optional<Fields> object(JsonElement value, String path, Problems problems) {
        return is(Kind.OBJECT, value, path, problems)
                ? Optional.of(new Fields(value.getAsJsonObject(), path, problems))
                : Optional.empty();
    }

    public static Optional<JsonArray> array(JsonElement value, String path, Problems problems) {
        return is(Kind.ARRAY, value, path, problems) ? Optional.of(value.getAsJsonArray()) : Optional.empty();
    }

    public static Optional<String> string(JsonElement value, String path, Problems problems) {
        return is(Kind.STRING, value, path, problems) ? Optional.of(value.getAsString()) : Optional.empty();
    }

    /** Whether {@code value} is of the kind wanted; when not, says so under {@code path}. */
    private static boolean is(Kind kind, JsonElement value, String path, Problems problems) {
        if (kind.of(value)) {
            return true;
        }
        problems.add(path, wrongKind(kind, value));
        return false;
    }

    private static String wrongKind(Kind kind, JsonElement value) {
        return "expected " + kind.wanted + ", found " + typeOf(value);
    }

    static String typeOf(JsonElement value) {
        if (value.isJsonObject()) {
            return "object";
        }
        if (value.isJsonArray()) {
            return "array";
        }
        if (value.isJsonNull()) {
            return "null";
        }
        JsonPrimitive primitive = value.getAsJsonPrimitive();
        return primitive.isString() ? "string" : primitive.isNumber() ? "number" : "boolean";
    }

    /** The path of a field: {@code $.a.b}, or {@code $.a["b c"]} when the name is not a plain word. */
    public static String child(String path, String name) {
        return isPlainName(name) ? path + "." + name : path + "[" + Problems.quote(name) + "]";
    }

    public static String element(String path, int index) {
        return path + "[" + index + "]";
    }

    private static boolean isPlainName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_';
            if (!plain) {
                return false;
            }
        }
        return true;
    }

    public String path() {
        return path;
    }

    public String pathOf(String name) {
        return child(path, name);
    }

    /** Whether the field is there with a value other than {@code null}. */
    public boolean has(String name) {
        JsonElement value = object.get(name);
        return value != null && !value.isJsonNull();
    }

    /** The fields in document order. */
    public Set<Map.Entry<String, JsonElement>> entries() {
        return object.entrySet();
    }

    public Optional<String> requiredString(String name) {
        return textField(name, Kind.STRING, REQUIRED);
    }

    public Optional<String> optionalString(String name) {
        return textField(name, Kind.STRING, OPTIONAL);
    }

    /**
     * A required string that must also pass {@code problemWith}, which says what is wrong with a value, or nothing.
     */
    public Optional<String> requiredString(String name, Function<String, Optional<String>> problemWith) {
        return checked(name, requiredString(name), problemWith);
    }

    public Optional<String> optionalString(String name, Function<String, Optional<String>> problemWith) {
        return checked(name, optionalString(name), problemWith);
    }

    public Optional<Fields> requiredObject(String name) {
        return objectField(name, REQUIRED);
    }

    public Optional<Fields> optionalObject(String name) {
        return objectField(name, OPTIONAL);
    }

    public Optional<JsonArray> requiredArray(String name) {
        return arrayField(name, REQUIRED);
    }

    public Optional<JsonArray> optionalArray(String name) {
        return arrayField(name, OPTIONAL);
    }

    /** An optional number exactly as the document wrote it, so the caller decides what range and form it accepts. */
    public Optional<String> optionalNumber(String name) {
        return textField(name, Kind.NUMBER, OPTIONAL);
    }

    /** An optional number, as written, that must also pass {@code problemWith}. */
    public Optional<String> optionalNumber(String name, Function<String, Optional<String>> problemWith) {
        return checked(name, optionalNumber(name), problemWith);
    }

    public Optional<Boolean> optionalBoolean(String name) {
        Optional<JsonElement> value = field(name, Kind.BOOLEAN, OPTIONAL);
        return value.isPresent() ? Optional.of(value.get().getAsBoolean()) : Optional.empty();
    }

    /**
     * {@code value}, read from the field {@code name}, unless {@code problem} says what is wrong with it: then empty,
     * with the problem recorded under the field's path. For checks a caller runs after the read.
     */
    public Optional<String> unless(Optional<String> problem, String name, String value) {
        if (problem.isPresent()) {
            problems.add(pathOf(name), problem.get());
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** Records every field not in {@code allowed}, naming the allowed ones: catches typos such as {@code prefx}. */
    public void allowOnly(Collection<String> allowed) {
        for (String name : object.keySet()) {
            if (!allowed.contains(name)) {
                problems.add(pathOf(name), unknownField(allowed));
            }
        }
    }

    /** The problem with a field whose name is not among {@code allowed}. */
    public static String unknownField(Collection<String> allowed) {
        return "unknown field (allowed: " + String.join(", ", allowed) + ")";
    }

    private Optional<String> checked(String name, Optional<String> value,
            Function<String, Optional<String>> problemWith) {
        return value.isPresent() ? unless(problemWith.apply(value.get()), name, value.get()) : value;
    }

    private Optional<String> textField(String name, Kind kind, boolean required) {
        Optional<JsonElement> value = field(name, kind, required);
        return value.isPresent() ? Optional.of(value.get().getAsString()) : Optional.empty();
    }

    private Optional<Fields> objectField(String name, boolean required) {
        Optional<JsonElement> value = field(name, Kind.OBJECT, required);
        return value.isPresent()
                ? Optional.of(new Fields(value.get().getAsJsonObject(), pathOf(name), problems))
                : Optional.empty();
    }

    private Optional<JsonArray> arrayField(String name, boolean required) {
        Optional<JsonElement> value = field(name, Kind.ARRAY, required);
        return value.isPresent() ? Optional.of(value.get().getAsJsonArray()) : Optional.empty();
    }

    /**
     * The field's value when it is there and of the kind wanted. A required field that is missing, or a value of
     * another kind, is recorded as a problem; an optional field may be absent or {@code null}.
     */
    private Optional<JsonElement> field(String name, Kind kind, boolean required) {
        JsonElement value = object.get(name);
        if (value == null && required) {
            problems.add(pathOf(name), "missing");
            return Optional.empty();
        }
        if (value == null || (!required && value.isJsonNull())) {
            return Optional.empty();
        }
        if (kind.of(value)) {
            return Optional.of(value);
        }
        problems.add(pathOf(name), wrongKind(kind, value));
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "Fields{" + path + " " + object.keySet() + '}';
    }
}
