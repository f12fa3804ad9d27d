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
import java.util.function.BiConsumer;
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
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]+");
    // Values that end up in request headers and log lines: no spaces, controls or line breaks.
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
            Fields.object(root, "$", problems)
                    .flatMap(event -> event.requiredArray("events"))
                    .ifPresent(events -> eachRecord(events, "$.events", problems, (record, path) ->
                            Fields.object(record, path, problems).ifPresent(r -> nativeRecord(r, records))));
        } else if (isObject && root.getAsJsonObject().has("specversion")) {
            Fields.object(root, "$", problems).ifPresent(event -> cloudEvent(event, problems, records));
        } else if (root.isJsonArray()) {
            eachRecord(root.getAsJsonArray(), "$", problems, (event, path) -> {
                if (event.isJsonObject() && event.getAsJsonObject().has("specversion")) {
                    Fields.object(event, path, problems).ifPresent(e -> cloudEvent(e, problems, records));
                } else {
                    problems.add(path, "not a CloudEvent (expected an object with specversion)");
                }
            });
        } else {
            problems.add("$", "not an OSS event (expected {\"events\":[...]} or a CloudEvent with specversion)");
        }
        if (!problems.isEmpty()) {
            throw new EventFormatException(problems);
        }
        return Collections.unmodifiableList(records);
    }

    private static void eachRecord(JsonArray array, String path, Problems problems,
            BiConsumer<JsonElement, String> read) {
        if (array.isEmpty()) {
            problems.add(path, "empty, expected at least one record");
        } else if (array.size() > MAX_RECORDS) {
            problems.add(path, array.size() + " records, over the limit of " + MAX_RECORDS);
        } else {
            for (int i = 0; i < array.size(); i++) {
                read.accept(array.get(i), Fields.element(path, i));
            }
        }
    }

    private static void nativeRecord(Fields record, List<EventRecord> out) {
        Optional<String> eventName =
                record.requiredString("eventName", EventParser::eventNameProblem).map(EventParser::withoutOssPrefix);
        addRecord(record, eventName, out);
    }

    private static void cloudEvent(Fields event, Problems problems, List<EventRecord> out) {
        event.requiredString("specversion");
        Optional<String> source = event.requiredString("source", s -> OSS_SOURCE.equals(s)
                ? Optional.empty()
                : Optional.of(Problems.quote(s) + " is not an OSS event source (expected \"" + OSS_SOURCE + "\")"));
        Optional<String> eventName =
                event.requiredString("type", EventParser::eventNameProblem).map(EventParser::withoutOssPrefix);
        if (source.isPresent()) { // another service's data would only add noise to the problems
            event.requiredObject("data").ifPresent(data -> addRecord(data, eventName, out));
        }
    }

    /** Reads the fields every record shape shares; the event name comes from wherever the envelope keeps it. */
    private static void addRecord(Fields record, Optional<String> eventName, List<EventRecord> out) {
        Optional<String> region = record.optionalString("region", EventParser::regionProblem);
        Optional<String> requestId = record.optionalObject("responseElements")
                .flatMap(r -> r.optionalString("requestId", v -> visibleAsciiProblem(v, "a request id")));
        Optional<Fields> oss = record.requiredObject("oss");
        Optional<String> bucket = oss.flatMap(o -> o.requiredObject("bucket"))
                .flatMap(b -> b.requiredString("name", BucketName::problemWith));
        Optional<Fields> object = oss.flatMap(o -> o.requiredObject("object"));
        Optional<String> key = object.flatMap(o -> o.requiredString("key", EventParser::keyProblem));
        Optional<String> eTag = object.flatMap(o -> o.optionalString("eTag", v -> visibleAsciiProblem(v, "an ETag")));
        OptionalLong size = object.flatMap(o -> o.optionalNumber("size", EventParser::sizeProblem))
                .map(s -> OptionalLong.of(Long.parseLong(s)))
                .orElse(OptionalLong.empty());
        if (eventName.isPresent() && bucket.isPresent() && key.isPresent()) {
            out.add(new EventRecord(eventName.get(), bucket.get(), key.get(), eTag, size, region, requestId));
        }
    }

    private static String withoutOssPrefix(String eventName) {
        return eventName.startsWith(OSS_PREFIX) ? eventName.substring(OSS_PREFIX.length()) : eventName;
    }

    private static Optional<String> eventNameProblem(String eventName) {
        return visibleAsciiProblem(withoutOssPrefix(eventName), "an event name");
    }

    private static Optional<String> visibleAsciiProblem(String value, String what) {
        return VISIBLE_ASCII.matcher(value).matches()
                ? Optional.empty()
                : Optional.of(Problems.quote(value) + " is not " + what + " (expected visible ASCII characters)");
    }

    private static Optional<String> regionProblem(String region) {
        // The region becomes part of a host name: nothing but the characters region ids are made of.
        return REGION.matcher(region).matches()
                ? Optional.empty()
                : Optional.of(Problems.quote(region) + " is not a region (expected ^" + REGION.pattern() + "$)");
    }

    private static Optional<String> keyProblem(String key) {
        if (key.isEmpty()) {
            return Optional.of("empty");
        }
        if (hasUnpairedSurrogate(key)) { // only a JSON escape can make one; OSS keys are UTF-8
            return Optional.of("not valid Unicode (an unpaired surrogate)");
        }
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        return bytes <= MAX_KEY_BYTES
                ? Optional.empty()
                : Optional.of(bytes + " bytes of UTF-8, over the " + MAX_KEY_BYTES + " OSS allows");
    }

    private static boolean hasUnpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
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
