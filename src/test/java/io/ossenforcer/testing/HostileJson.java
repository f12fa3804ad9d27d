package io.ossenforcer.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Hostile variants of a valid JSON document, for fuzzing parsers of untrusted input: structure-aware mutations of
 * its tree (drop, duplicate, retype, swap, hostile strings and keys, nesting around the depth cap, arrays near the
 * record cap), byte-level damage (truncation, splices, invalid UTF-8), and fully random JSON over the document's
 * own field names; and, apart, arrays around the record cap ({@link #withHugeArray}).
 */
public final class HostileJson {
    /** Byte sequences that are not UTF-8: overlong, encoded surrogate, above U+10FFFF, stray or cut-off bytes. */
    private static final byte[][] INVALID_UTF8 = {
        {(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80,
            (byte) 0x80}, {(byte) 0xF5}, {(byte) 0xFF}, {(byte) 0x80}, {(byte) 0xE4, (byte) 0xB8},
        {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}};

    private final JsonElement valid;
    private final byte[] validBytes;
    private final List<String> names;
    private final int depthCap;
    private final int arrayCap;

    /**
     * @param depthCap the parser's nesting limit, so nesting lands just under, at and over it
     * @param arrayCap the parser's limit on array elements (records), so arrays land around it
     */
    public HostileJson(String validJson, int depthCap, int arrayCap) {
        this.valid = JsonParser.parseString(validJson);
        this.validBytes = validJson.getBytes(StandardCharsets.UTF_8);
        this.names = new ArrayList<>();
        collectNames(valid, names);
        this.depthCap = depthCap;
        this.arrayCap = arrayCap;
    }

    /** One hostile document. */
    public byte[] variant(Random random) {
        int kind = random.nextInt(100);
        if (kind < 55) {
            return serialize(random, mutatedTree(random));
        }
        if (kind < 75) {
            return damagedBytes(random, random.nextBoolean() ? validBytes : serialize(random, mutatedTree(random)));
        }
        if (kind < 90) {
            return serialize(random, randomValue(random, 1 + random.nextInt(6)));
        }
        return nestedText(random);
    }

    // --- structure-aware mutation ---

    private JsonElement mutatedTree(Random random) {
        JsonElement tree = valid.deepCopy();
        for (int steps = 1 + random.nextInt(3); steps > 0; steps--) {
            List<Slot> slots = new ArrayList<>();
            collectSlots(tree, 1, slots);
            if (slots.isEmpty()) {
                return tree;
            }
            Slot slot = slots.get(random.nextInt(slots.size()));
            switch (random.nextInt(7)) {
                case 0:
                    slot.remove();
                    break;
                case 1:
                    slot.set(randomValue(random, 2));
                    break;
                case 2:
                    slot.set(slots.get(random.nextInt(slots.size())).get().deepCopy());
                    break;
                case 3:
                    slot.set(new JsonPrimitive(hostileString(random)));
                    break;
                case 4:
                    slot.rename(hostileString(random));
                    break;
                case 5:
                    slot.set(nest(random, slot.get(), depthCap - slot.depth + random.nextInt(5) - 2));
                    break;
                default:
                    slot.set(new JsonPrimitive(random.nextBoolean() ? "" : names.get(random.nextInt(names.size()))));
                    break;
            }
        }
        return tree;
    }

    /**
     * The document with one of its arrays (or, without one, the document itself) replaced by an array of the cap's
     * size give or take two, built as text. Kept out of {@link #variant}: parsing ten thousand records takes
     * long enough that a few such cases are all a test can afford.
     */
    public byte[] withHugeArray(Random random) {
        JsonElement tree = valid.deepCopy();
        List<Slot> arrays = new ArrayList<>();
        collectSlots(tree, 1, arrays);
        arrays.removeIf(s -> !s.get().isJsonArray() || s.get().getAsJsonArray().isEmpty());
        int size = arrayCap + random.nextInt(5) - 2;
        String placeholder = "huge-array-" + random.nextLong();
        JsonElement element = new JsonPrimitive(random.nextInt());
        if (arrays.isEmpty()) {
            tree = new JsonPrimitive(placeholder);
        } else {
            Slot slot = arrays.get(random.nextInt(arrays.size()));
            element = slot.get().getAsJsonArray().get(0);
            slot.set(new JsonPrimitive(placeholder));
        }
        String one = new String(serialize(random, element), StandardCharsets.UTF_8);
        String huge = "[" + (one + ",").repeat(size - 1) + one + "]";
        String document = new String(serialize(random, tree), StandardCharsets.UTF_8);
        return document.replace("\"" + placeholder + "\"", huge).getBytes(StandardCharsets.UTF_8);
    }

    private static JsonElement nest(Random random, JsonElement value, int levels) {
        JsonElement nested = value;
        for (int i = 0; i < levels; i++) {
            if (random.nextBoolean()) {
                JsonArray array = new JsonArray();
                array.add(nested);
                nested = array;
            } else {
                JsonObject object = new JsonObject();
                object.add("n", nested);
                nested = object;
            }
        }
        return nested;
    }

    private JsonElement randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 0 ? 8 : 6);
        switch (kind) {
            case 0:
                return JsonNull.INSTANCE;
            case 1:
                return new JsonPrimitive(random.nextBoolean());
            case 2:
                return new JsonPrimitive(randomNumber(random));
            case 3:
                return new JsonPrimitive(hostileString(random));
            case 4:
            case 5:
                return new JsonPrimitive(names.get(random.nextInt(names.size())));
            case 6: {
                JsonArray array = new JsonArray();
                for (int n = random.nextInt(4); n > 0; n--) {
                    array.add(randomValue(random, depth - 1));
                }
                return array;
            }
            default: {
                JsonObject object = new JsonObject();
                for (int n = random.nextInt(5); n > 0; n--) {
                    String name = random.nextInt(4) == 0 ? hostileString(random) : names.get(random.nextInt(names.size()));
                    object.add(name, randomValue(random, depth - 1));
                }
                return object;
            }
        }
    }

    private static Number randomNumber(Random random) {
        switch (random.nextInt(6)) {
            case 0:
                return random.nextInt();
            case 1:
                return -1 - random.nextInt(1000);
            case 2:
                return random.nextDouble() * 1e6;
            case 3:
                return new java.math.BigInteger("9".repeat(1 + random.nextInt(40)));
            case 4:
                return Long.MAX_VALUE;
            default:
                return new java.math.BigDecimal("1e" + (300 + random.nextInt(700)));
        }
    }

    /**
     * Strings that break naive code: control characters, lone surrogates, characters of every Unicode plane
     * (supplementary and private use included), keys of 1023 and 1024 bytes, path tricks and header injection.
     */
    public static String hostileString(Random random) {
        switch (random.nextInt(10)) {
            case 0:
                return String.valueOf((char) random.nextInt(0x20)) + "x" + (char) 0x7F;
            case 1:
                return "k" + (char) (0xD800 + random.nextInt(0x800)) + "k"; // a lone high or low surrogate
            case 2:
                return codePoints(random, 1 + random.nextInt(8));
            case 3:
                return keyOfBytes(random, 1023);
            case 4:
                return keyOfBytes(random, 1024);
            case 5:
                return "a\r\nX-Injected: 1";
            case 6:
                return "../../etc/passwd";
            case 7:
                return " ";
            case 8:
                return "\u0000";
            default:
                return "x".repeat(random.nextInt(3) == 0 ? 100_000 : 1 + random.nextInt(70));
        }
    }

    /** Code points from every plane 0 to 16, never a surrogate: private use and unassigned ones too. */
    private static String codePoints(Random random, int count) {
        StringBuilder s = new StringBuilder();
        while (count > 0) {
            int plane = random.nextInt(17);
            int codePoint = (plane << 16) | random.nextInt(0x10000);
            if (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE) {
                continue;
            }
            s.appendCodePoint(codePoint);
            count--;
        }
        return s.toString();
    }

    /** A plausible key of exactly {@code bytes} bytes of UTF-8, mixing 1-, 2-, 3- and 4-byte characters. */
    private static String keyOfBytes(Random random, int bytes) {
        StringBuilder s = new StringBuilder();
        int left = bytes;
        int[] samples = {'k', 'é', '中', 0x1F510};
        while (left > 0) {
            int codePoint = samples[random.nextInt(samples.length)];
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (size > left) {
                codePoint = 'k';
                size = 1;
            }
            s.appendCodePoint(codePoint);
            left -= size;
        }
        return s.toString();
    }

    // --- byte-level damage ---

    private static byte[] damagedBytes(Random random, byte[] bytes) {
        if (bytes.length == 0) {
            return bytes;
        }
        switch (random.nextInt(5)) {
            case 0:
                return Arrays.copyOf(bytes, random.nextInt(bytes.length));
            case 1: {
                int from = random.nextInt(bytes.length);
                int length = random.nextInt(Math.min(64, bytes.length - from) + 1);
                return splice(bytes, random.nextInt(bytes.length), Arrays.copyOfRange(bytes, from, from + length));
            }
            case 2:
                return splice(bytes, random.nextInt(bytes.length), INVALID_UTF8[random.nextInt(INVALID_UTF8.length)]);
            case 3: {
                byte[] flipped = bytes.clone();
                for (int n = 1 + random.nextInt(4); n > 0; n--) {
                    flipped[random.nextInt(flipped.length)] = (byte) random.nextInt(256);
                }
                return flipped;
            }
            default:
                return splice(bytes, random.nextInt(bytes.length),
                        new byte[] {(byte) random.nextInt(0x20)});
        }
    }

    private static byte[] splice(byte[] bytes, int at, byte[] inserted) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, at);
        out.write(inserted, 0, inserted.length);
        out.write(bytes, at, bytes.length - at);
        return out.toByteArray();
    }

    /** The valid document wrapped in arrays, textually: just under, at, over the cap, and far past any stack. */
    private byte[] nestedText(Random random) {
        int[] depths = {depthCap - 2, depthCap - 1, depthCap, depthCap + 1, 1000, 200_000};
        int depth = depths[random.nextInt(depths.length)];
        String open = random.nextBoolean() ? "[" : "{\"n\":[";
        String close = open.equals("[") ? "]" : "]}";
        String doc = new String(validBytes, StandardCharsets.UTF_8);
        boolean unclosed = random.nextInt(4) == 0;
        return (open.repeat(depth) + doc + (unclosed ? "" : close.repeat(depth))).getBytes(StandardCharsets.UTF_8);
    }

    // --- serialising, with the tricks a tree cannot hold ---

    /** JSON text; surrogates always as \\u escapes (so a lone one survives), other characters sometimes escaped. */
    private static byte[] serialize(Random random, JsonElement root) {
        StringBuilder s = new StringBuilder();
        write(random, root, s);
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(Random random, JsonElement value, StringBuilder s) {
        if (value.isJsonObject()) {
            s.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonElement> member : value.getAsJsonObject().entrySet()) {
                int times = random.nextInt(40) == 0 ? 2 : 1; // now and then a duplicate field name
                for (int t = 0; t < times; t++) {
                    s.append(first ? "" : ",");
                    first = false;
                    string(random, member.getKey(), s);
                    s.append(':');
                    write(random, member.getValue(), s);
                }
            }
            s.append('}');
        } else if (value.isJsonArray()) {
            s.append('[');
            JsonArray array = value.getAsJsonArray();
            for (int i = 0; i < array.size(); i++) {
                s.append(i == 0 ? "" : ",");
                write(random, array.get(i), s);
            }
            s.append(']');
        } else if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
            string(random, value.getAsString(), s);
        } else {
            s.append(value);
        }
    }

    private static void string(Random random, String value, StringBuilder s) {
        boolean escapeAll = random.nextInt(8) == 0;
        s.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                s.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c) || (escapeAll && c > 0x7E)) {
                s.append(String.format("\\u%04x", (int) c));
            } else {
                s.append(c);
            }
        }
        s.append('"');
    }

    // --- walking the tree ---

    private static void collectNames(JsonElement value, List<String> names) {
        if (value.isJsonObject()) {
            for (Map.Entry<String, JsonElement> member : value.getAsJsonObject().entrySet()) {
                names.add(member.getKey());
                collectNames(member.getValue(), names);
            }
        } else if (value.isJsonArray()) {
            value.getAsJsonArray().forEach(v -> collectNames(v, names));
        } else if (value.isJsonPrimitive()) {
            names.add(value.getAsString());
        }
    }

    private static void collectSlots(JsonElement value, int depth, List<Slot> slots) {
        if (value.isJsonObject()) {
            JsonObject object = value.getAsJsonObject();
            for (String name : new ArrayList<>(object.keySet())) {
                slots.add(new Slot(object, name, -1, depth + 1));
                collectSlots(object.get(name), depth + 1, slots);
            }
        } else if (value.isJsonArray()) {
            JsonArray array = value.getAsJsonArray();
            for (int i = 0; i < array.size(); i++) {
                slots.add(new Slot(array, null, i, depth + 1));
                collectSlots(array.get(i), depth + 1, slots);
            }
        }
    }

    /** A place in the tree: a member of an object or an element of an array, at some nesting depth. */
    private static final class Slot {
        final JsonElement parent;
        final String name;
        final int index;
        final int depth;

        Slot(JsonElement parent, String name, int index, int depth) {
            this.parent = parent;
            this.name = name;
            this.index = index;
            this.depth = depth;
        }

        JsonElement get() {
            return name != null ? parent.getAsJsonObject().get(name) : parent.getAsJsonArray().get(index);
        }

        void set(JsonElement value) {
            if (name != null) {
                parent.getAsJsonObject().add(name, value);
            } else if (index < parent.getAsJsonArray().size()) {
                parent.getAsJsonArray().set(index, value);
            }
        }

        void remove() {
            if (name != null) {
                parent.getAsJsonObject().remove(name);
            } else if (index < parent.getAsJsonArray().size()) {
                parent.getAsJsonArray().remove(index);
            }
        }

        void rename(String newName) {
            if (name != null && parent.getAsJsonObject().has(name)) {
                parent.getAsJsonObject().add(newName, parent.getAsJsonObject().remove(name));
            }
        }
    }
}
