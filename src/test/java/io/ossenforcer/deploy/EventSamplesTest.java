package io.ossenforcer.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.ossenforcer.event.EventFormatException;
import io.ossenforcer.event.EventParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The sample events in events/ look exactly like what FC delivers, so trying them proves something. */
class EventSamplesTest {
    private static final String EVENTBRIDGE_SAMPLE = "eventbridge-put-object.json";

    @Test
    void everyNativeRecordHasTheFieldsOfTheFc3Template() {
        Set<String> templateFields = fieldPaths(templateRecord());
        nativeRecords().forEach((where, record) ->
                assertEquals(templateFields, fieldPaths(record), where + " differs from the fc3 OSS event template"));
    }

    @Test
    void eventBridgeSampleWrapsOneNativeRecordInACloudEvent() {
        JsonObject event = ProjectFiles.readJson(ProjectFiles.file("events/" + EVENTBRIDGE_SAMPLE)).getAsJsonObject();
        for (String attribute : List.of("specversion", "id", "source", "type", "subject", "time", "datacontenttype")) {
            assertTrue(event.has(attribute), "CloudEvent lacks " + attribute);
        }
        assertEquals("1.0", event.get("specversion").getAsString());
        assertEquals("acs.oss", event.get("source").getAsString());
        JsonObject data = event.getAsJsonObject("data");
        // EventBridge names the type with the oss: prefix the native record's eventName lacks.
        assertEquals("oss:" + data.get("eventName").getAsString(), event.get("type").getAsString());
        assertEquals(fieldPaths(templateRecord()), fieldPaths(data), "data is not one native record");
    }

    @Test
    void everySampleIsReadByTheEventParser() throws EventFormatException {
        for (Path file : sampleFiles()) {
            assertFalse(EventParser.parse(ProjectFiles.read(file)).isEmpty(), file.getFileName() + " holds no record");
        }
    }

    @Test
    void eventBridgeSampleReadsAsTheSameRecordAsThePutObjectSample() throws EventFormatException {
        // What docs/s.eventbridge.yaml delivers is handled exactly as the native trigger's event.
        assertEquals(EventParser.parse(ProjectFiles.read(ProjectFiles.file("events/put-object.json"))),
                EventParser.parse(ProjectFiles.read(ProjectFiles.file("events/" + EVENTBRIDGE_SAMPLE))));
    }

    @Test
    void everyETagIsThirtyTwoUppercaseHexDigits() {
        nativeRecords().forEach((where, record) -> {
            String eTag = record.getAsJsonObject("oss").getAsJsonObject("object").get("eTag").getAsString();
            assertTrue(eTag.matches("[0-9A-F]{32}"), where + " has eTag " + eTag);
        });
    }

    @Test
    void everySampleIsDescribedInTheEventsReadme() {
        String readme = ProjectFiles.read(ProjectFiles.file("events/README.md"));
        List<String> undescribed = sampleFiles().stream().map(path -> path.getFileName().toString())
                .filter(name -> !readme.contains("`" + name + "`")).collect(Collectors.toList());
        assertTrue(undescribed.isEmpty(), "events/README.md does not describe " + undescribed);
    }

    private static JsonObject templateRecord() {
        JsonObject template = ProjectFiles.readJson(ProjectFiles.reference("fc3-oss-event-template.json"))
                .getAsJsonObject();
        return template.getAsJsonArray("events").get(0).getAsJsonObject();
    }

    /** Every record of every native sample (all but the EventBridge one), keyed by file#index. */
    private static Map<String, JsonObject> nativeRecords() {
        Map<String, JsonObject> records = new LinkedHashMap<>();
        for (Path file : sampleFiles()) {
            String name = file.getFileName().toString();
            if (name.equals(EVENTBRIDGE_SAMPLE)) {
                continue;
            }
            List<JsonElement> list = new ArrayList<>();
            ProjectFiles.readJson(file).getAsJsonObject().getAsJsonArray("events").forEach(list::add);
            assertFalse(list.isEmpty(), name + " has no records");
            for (int i = 0; i < list.size(); i++) {
                records.put(name + "#" + i, list.get(i).getAsJsonObject());
            }
        }
        return records;
    }

    private static List<Path> sampleFiles() {
        try (Stream<Path> files = Files.list(ProjectFiles.root().resolve("events"))) {
            List<Path> samples = files.filter(path -> path.toString().endsWith(".json")).sorted()
                    .collect(Collectors.toList());
            assertFalse(samples.isEmpty(), "events/ holds no samples");
            return samples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Dotted paths of every field, nested ones included: the shape of a record without its values. */
    private static Set<String> fieldPaths(JsonObject object) {
        Set<String> paths = new TreeSet<>();
        collect(object, "", paths);
        return paths;
    }

    private static void collect(JsonObject object, String prefix, Set<String> paths) {
        for (Map.Entry<String, JsonElement> field : object.entrySet()) {
            String path = prefix + field.getKey();
            paths.add(path);
            if (field.getValue().isJsonObject()) {
                collect(field.getValue().getAsJsonObject(), path + ".", paths);
            }
        }
    }
}
