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
import java.util.function.Predicate;

/**
 * The fields of one JSON object, read by type. A missing required field or a value of the wrong type is recorded in
 * {@link Problems} under its JSON path and read as empty, so a reader can go on and find the next problem. An
 * optional field that is absent or {@code null} reads as empty.
 */
public final class Fields {
    private final JsonObject object;
    private final String path;
    private final Problems problems;

    private Fields(JsonObject object, String path, Problems problems) {
        this.object = object;
        this.path = path;
        this.problems = problems;
    }

    /** Reads a value found by a typed reader: empty, with a problem recorded, when it has the wrong type. */
    private interface Reading<T> {
        Optional<T> read(JsonElement value, String path, Problems problems);
    }

    public static Optional<Fields> object(JsonElement value, String path, Problems problems) {
        return typed(value, path, problems, "an object", JsonElement::isJsonObject,
                v -> new Fields(v.getAsJsonObject(), path, problems));
    }

    public static Optional<JsonArray> array(JsonElement value, String path, Problems problems) {
        return typed(value, path, problems, "an array", JsonElement::isJsonArray, JsonElement::getAsJsonArray);
    }

    public static Optional<String> string(JsonElement value, String path, Problems problems) {
        return typed(value, path, problems, "a string", v -> isPrimitive(v, JsonPrimitive::isString),
                JsonElement::getAsString);
    }

    /** A number exactly as the document wrote it, so the caller decides what range and form it accepts. */
    public static Optional<String> number(JsonElement value, String path, Problems problems) {
        return typed(value, path, problems, "a number", v -> isPrimitive(v, JsonPrimitive::isNumber),
                JsonElement::getAsString);
    }

    public static Optional<Boolean> bool(JsonElement value, String path, Problems problems) {
        return typed(value, path, problems, "a boolean", v -> isPrimitive(v, JsonPrimitive::isBoolean),
                JsonElement::getAsBoolean);
    }

    private static <T> Optional<T> typed(JsonElement value, String path, Problems problems, String wanted,
            Predicate<JsonElement> isWanted, Function<JsonElement, T> read) {
        if (isWanted.test(value)) {
            return Optional.of(read.apply(value));
        }
        problems.add(path, "expected " + wanted + ", found " + typeOf(value));
        return Optional.empty();
    }

    private static boolean isPrimitive(JsonElement value, Predicate<JsonPrimitive> kind) {
        return value.isJsonPrimitive() && kind.test(value.getAsJsonPrimitive());
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
        return required(name, Fields::string);
    }

    public Optional<String> optionalString(String name) {
        return optional(name, Fields::string);
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
        return required(name, Fields::object);
    }

    public Optional<Fields> optionalObject(String name) {
        return optional(name, Fields::object);
    }

    public Optional<JsonArray> requiredArray(String name) {
        return required(name, Fields::array);
    }

    public Optional<JsonArray> optionalArray(String name) {
        return optional(name, Fields::array);
    }

    /** An optional number, as written, that must also pass {@code problemWith}. */
    public Optional<String> optionalNumber(String name, Function<String, Optional<String>> problemWith) {
        return checked(name, optional(name, Fields::number), problemWith);
    }

    public Optional<Boolean> optionalBoolean(String name) {
        return optional(name, Fields::bool);
    }

    /** Records every field not in {@code allowed}, naming the allowed ones: catches typos such as {@code prefx}. */
    public void allowOnly(Collection<String> allowed) {
        for (String name : object.keySet()) {
            if (!allowed.contains(name)) {
                problems.add(pathOf(name), "unknown field (allowed: " + String.join(", ", allowed) + ")");
            }
        }
    }

    private Optional<String> checked(String name, Optional<String> value,
            Function<String, Optional<String>> problemWith) {
        Optional<String> problem = value.flatMap(problemWith);
        problem.ifPresent(p -> problems.add(pathOf(name), p));
        return problem.isPresent() ? Optional.empty() : value;
    }

    private <T> Optional<T> required(String name, Reading<T> reading) {
        JsonElement value = object.get(name);
        if (value == null) {
            problems.add(pathOf(name), "missing");
            return Optional.empty();
        }
        return reading.read(value, pathOf(name), problems);
    }

    private <T> Optional<T> optional(String name, Reading<T> reading) {
        JsonElement value = object.get(name);
        if (value == null || value.isJsonNull()) {
            return Optional.empty();
        }
        return reading.read(value, pathOf(name), problems);
    }

    @Override
    public String toString() {
        return "Fields{" + path + " " + object.keySet() + '}';
    }
}
