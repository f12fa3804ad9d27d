package io.ossenforcer.localoss;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.Optional;

/**
 * Builds a native OSS trigger event, field for field in the shape FC delivers ({@code fc3-oss-event-template.json}).
 * The key is raw, not URL-encoded, as in Alibaba's own samples.
 */
final class OssEvent {
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private OssEvent() {
    }

    /**
     * @param eventName without the {@code oss:} prefix, e.g. {@code ObjectCreated:PutObject}
     * @param versionId present for a versioned bucket: OSS's event docs do not show it, but a versioned client needs
     *     it to know which version to act on (documented as a choice)
     * @param deltaSize the change in stored bytes: the new size minus the size of the object it replaced
     */
    static String objectCreated(Settings settings, String eventName, String bucket, Optional<String> versionId,
            StoredObject object, long deltaSize, Instant time, String requestId, String sourceIp, String ruleId) {
        JsonObject bucketJson = new JsonObject();
        bucketJson.addProperty("arn", "acs:oss:" + settings.region() + ":" + settings.accountId() + ":" + bucket);
        bucketJson.addProperty("name", bucket);
        bucketJson.addProperty("ownerIdentity", settings.accountId());
        bucketJson.addProperty("virtualBucket", "");

        JsonObject objectJson = new JsonObject();
        objectJson.addProperty("deltaSize", deltaSize);
        objectJson.addProperty("eTag", object.etag());
        objectJson.addProperty("key", object.key());
        objectJson.addProperty("size", object.size());
        versionId.ifPresent(id -> objectJson.addProperty("versionId", id));

        JsonObject oss = new JsonObject();
        oss.add("bucket", bucketJson);
        oss.add("object", objectJson);
        oss.addProperty("ossSchemaVersion", "1.0");
        oss.addProperty("ruleId", ruleId);

        JsonObject record = new JsonObject();
        record.addProperty("eventName", eventName);
        record.addProperty("eventSource", "acs:oss");
        record.addProperty("eventTime", HttpDates.iso8601(time));
        record.addProperty("eventVersion", "1.0");
        record.add("oss", oss);
        record.addProperty("region", settings.region());
        record.add("requestParameters", single("sourceIPAddress", sourceIp));
        record.add("responseElements", single("requestId", requestId));
        record.add("userIdentity", single("principalId", settings.accountId()));

        JsonArray events = new JsonArray();
        events.add(record);
        JsonObject root = new JsonObject();
        root.add("events", events);
        return GSON.toJson(root);
    }

    private static JsonObject single(String name, String value) {
        JsonObject o = new JsonObject();
        o.addProperty(name, value);
        return o;
    }
}
