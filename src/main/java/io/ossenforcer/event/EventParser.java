package io.ossenforcer.event;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import io.ossenforcer.json.Fields;
import io.ossenforcer.json.JsonLimits;
import io.ossenforcer.json.JsonReadException;
import io.ossenforcer.json.Problems;
import io.ossenforcer.json.StrictJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Reads the payload of an OSS trigger invocation: the native {@code {"events":[...]}} form, one EventBridge
 * CloudEvent, or a JSON array of CloudEvents (EventBridge batch push). The payload is untrusted: every problem is
 * reported by JSON path, and size, nesting and record count are capped before any work is done on them.
 *
 * <p>Keys are taken exactly as delivered, never URL-decoded: Alibaba's own samples deliver them raw.
 */
public final class EventParser {
    public static final JsonLimits LIMITS = JsonLimits.of(6 * 1024 * 1024, 64);
    public static final int MAX_RECORDS = 10_000;
    /** OSS's own limit on object key length. */
    public static final int MAX_KEY_BYTES = 1023;

    private static final String OSS_PREFIX = "oss:";
    private static final String OSS_SOURCE = "acs.oss";
    /** What a region id is made of: it becomes part of a host name. */
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]+");
    /** Values that end up in request headers and log lines: no spaces, controls or line breaks. */
    private static final Pattern VISIBLE_ASCII = Pattern.compile("[!-~]+");
    private static final Pattern NON_NEGATIVE_INTEGER = Pattern.compile("0|[1-9][0-9]{0,18}");

    private EventParser() {
    }

    /** Parses the bytes as Function Compute hands them over; they must be UTF-8. */
    public static List<EventRecord> parse(byte[] json) throws EventFormatException {
        return parse(tree(json));
    }

    /**
     * The payload's JSON tree, read as strictly as {@link #parse(byte[])} reads it, for a caller that looks at the
     * tree before parsing it as an event (the handler tells sweep requests from events) without reading it twice.
     */
    public static JsonElement tree(byte[] json) throws EventFormatException {
        try {
            return StrictJson.parse(json, LIMITS);
        } catch (JsonReadException e) {
            throw new EventFormatException(Problems.of(e.problem()));
        }
    }

    /** Parses a tree {@link #tree} read. */
    public static List<EventRecord> parse(JsonElement root) throws EventFormatException {
        return records(root);
    }

    public static List<EventRecord> parse(String json) throws EventFormatException {
        try {
            return records(StrictJson.parse(json, LIMITS));
        } catch (JsonReadException e) {
            throw new EventFormatException(Problems.of(e.problem()));
        }
    }

    private static List<EventRecord> records(JsonElement root) throws EventFormatException {
        Problems problems = new Problems();
        List<EventRecord> records = new ArrayList<>();
        boolean isObject = root.isJsonObject();
        if (isObject && root.getAsJsonObject().has("events")) {
            Optional<JsonArray> events = Fields.object(root, "$", problems).orElseThrow().requiredArray("events");
            if (events.isPresent() && withinRecordLimits(events.get(), "$.events", problems)) {
                for (int i = 0; i < events.get().size(); i++) {
                    String path = Fields.element("$.events", i);
                    Optional<Fields> record = Fields.object(events.get().get(i), path, problems);
                    if (record.isPresent()) {
                        nativeRecord(record.get(), records);
                    }
                }
            }
        } else if (isObject && root.getAsJsonObject().has("specversion")) {
            cloudEvent(Fields.object(root, "$", problems).orElseThrow(), records);
        } else if (root.isJsonArray()) {
            JsonArray events = root.getAsJsonArray();
            if (withinRecordLimits(events, "$", problems)) {
                for (int i = 0; i < events.size(); i++) {
                    JsonElement event = events.get(i);
                    String path = Fields.element("$", i);
                    if (event.isJsonObject() && event.getAsJsonObject().has("specversion")) {
                        cloudEvent(Fields.object(event, path, problems).orElseThrow(), records);
                    } else {
                        problems.add(path, "not a CloudEvent (expected an object with specversion)");
                    }
                }
            }
        } else {
            problems.add("$", "not an OSS event (expected {\"events\":[...]} or a CloudEvent with specversion)");
        }
        if (!problems.isEmpty()) {
            throw new EventFormatException(problems);
        }
        return Collections.unmodifiableList(records);
    }

    private static boolean withinRecordLimits(JsonArray array, String path, Problems problems) {
        if (array.isEmpty()) {
            problems.add(path, "empty, expected at least one record");
            return false;
        }
        if (array.size() > MAX_RECORDS) {
            problems.add(path, array.size() + " records, over the limit of " + MAX_RECORDS);
            return false;
        }
        return true;
    }

    private static void nativeRecord(Fields record, List<EventRecord> out) {
        addRecord(record, eventName(record, "eventName"), out);
    }

    private static void cloudEvent(Fields event, List<EventRecord> out) {
        event.requiredString("specversion");
        Optional<String> source = event.requiredString("source");
        if (source.isPresent()) {
            source = event.unless(sourceProblem(source.get()), "source", source.get());
        }
        Optional<String> eventName = eventName(event, "type");
        if (source.isPresent()) { // another service's data would only add noise to the problems
            Optional<Fields> data = event.requiredObject("data");
            if (data.isPresent()) {
                addRecord(data.get(), eventName, out);
            }
        }
    }

    /**
     * Reads the fields every record shape shares; the event name comes from wherever the envelope keeps it. Checks
     * each value right after reading it, so that problems are listed in document order.
     */
    private static void addRecord(Fields record, Optional<String> eventName, List<EventRecord> out) {
        Optional<String> region = record.optionalString("region");
        if (region.isPresent()) {
            region = record.unless(regionProblem(region.get()), "region", region.get());
        }
        Optional<String> requestId = Optional.empty();
        Optional<Fields> response = record.optionalObject("responseElements");
        if (response.isPresent()) {
            requestId = visibleAscii(response.get(), "requestId", "a request id");
        }
        Optional<String> principalId = Optional.empty();
        Optional<Fields> identity = record.optionalObject("userIdentity");
        if (identity.isPresent()) {
            principalId = visibleAscii(identity.get(), "principalId", "a principal id");
        }
        Optional<Fields> oss = record.requiredObject("oss");
        if (oss.isEmpty()) {
            return;
        }
        Optional<String> bucket = Optional.empty();
        Optional<Fields> bucketFields = oss.get().requiredObject("bucket");
        if (bucketFields.isPresent()) {
            bucket = bucketFields.get().requiredString("name");
            if (bucket.isPresent()) {
                bucket = bucketFields.get().unless(BucketName.problemWith(bucket.get()), "name", bucket.get());
            }
        }
        Optional<Fields> object = oss.get().requiredObject("object");
        if (object.isEmpty()) {
            return;
        }
        Optional<String> key = object.get().requiredString("key");
        if (key.isPresent()) {
            key = object.get().unless(keyProblem(key.get()), "key", key.get());
        }
        Optional<String> eTag = visibleAscii(object.get(), "eTag", "an ETag");
        Optional<String> size = object.get().optionalNumber("size");
        if (size.isPresent()) {
            size = object.get().unless(sizeProblem(size.get()), "size", size.get());
        }
        if (eventName.isPresent() && bucket.isPresent() && key.isPresent()) {
            OptionalLong bytes = size.isPresent() ? OptionalLong.of(Long.parseLong(size.get())) : OptionalLong.empty();
            out.add(new EventRecord(eventName.get(), bucket.get(), key.get(), eTag, bytes, region, requestId,
                    principalId));
        }
    }

    /** The event name in field {@code name}, without the {@code oss:} prefix some deliveries give it. */
    private static Optional<String> eventName(Fields fields, String name) {
        Optional<String> eventName = fields.requiredString(name);
        if (eventName.isEmpty()) {
            return eventName;
        }
        String withoutPrefix = withoutOssPrefix(eventName.get());
        return fields.unless(visibleAsciiProblem(withoutPrefix, "an event name"), name, withoutPrefix);
    }

    /** An optional field that ends up in request headers and log lines. */
    private static Optional<String> visibleAscii(Fields fields, String name, String what) {
        Optional<String> value = fields.optionalString(name);
        return value.isPresent() ? fields.unless(visibleAsciiProblem(value.get(), what), name, value.get()) : value;
    }

    private static Optional<String> sourceProblem(String source) {
        return OSS_SOURCE.equals(source)
                ? Optional.empty()
                : Optional.of(Problems.quote(source) + " is not an OSS event source (expected \"" + OSS_SOURCE + "\")");
    }

    private static String withoutOssPrefix(String eventName) {
        return eventName.startsWith(OSS_PREFIX) ? eventName.substring(OSS_PREFIX.length()) : eventName;
    }

    private static Optional<String> visibleAsciiProblem(String value, String what) {
        return VISIBLE_ASCII.matcher(value).matches()
                ? Optional.empty()
                : Optional.of(Problems.quote(value) + " is not " + what + " (expected visible ASCII characters)");
    }

    private static Optional<String> regionProblem(String region) {
        return REGION.matcher(region).matches()
                ? Optional.empty()
                : Optional.of(Problems.quote(region) + " is not a region (expected ^" + REGION.pattern() + "$)");
    }

    /** A key is valid Unicode already: the strict read refuses an unpaired surrogate, which UTF-8 cannot carry. */
    private static Optional<String> keyProblem(String key) {
        if (key.isEmpty()) {
            return Optional.of("empty");
        }
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        return bytes <= MAX_KEY_BYTES
                ? Optional.empty()
                : Optional.of(bytes + " bytes of UTF-8, over the " + MAX_KEY_BYTES + " OSS allows");
    }

    private static Optional<String> sizeProblem(String number) {
        return NON_NEGATIVE_INTEGER.matcher(number).matches() && fitsLong(number)
                ? Optional.empty()
                : Optional.of(Problems.shorten(number) + " is not a size (expected a non-negative integer)");
    }

    private static boolean fitsLong(String digits) {
        try {
            Long.parseLong(digits);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
