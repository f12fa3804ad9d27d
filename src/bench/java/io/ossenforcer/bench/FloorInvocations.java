package io.ossenforcer.bench;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.CopyObjectRequest;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.ObjectPermission;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The floor the function is measured against: the requested stack doing the same job with nothing of ours. Gson
 * reads the event's bucket and key; the OSS SDK makes the enforcer's calls for an AES256 rule (HEAD; when the object
 * is not encrypted, GetObjectAcl, the conditional CopyObject keeping type, metadata and ACL, and HEAD again); Log4j 2,
 * from a one-appender configuration ({@code Budgets} passes it), logs one JSON line per object. No rules, no
 * validation, no report. Arguments: those of {@link Invocations}.
 */
public final class FloorInvocations {
    private static final Logger LOG = LogManager.getLogger("outcome");

    private FloorInvocations() {
    }

    public static void main(String[] args) throws Exception {
        OSS client = Invocations.sdkClient();
        Invocations.run(args, event -> {
            JsonObject oss = JsonParser.parseString(new String(event, StandardCharsets.UTF_8)).getAsJsonObject()
                    .getAsJsonArray("events").get(0).getAsJsonObject().getAsJsonObject("oss");
            String bucket = oss.getAsJsonObject("bucket").get("name").getAsString();
            String key = oss.getAsJsonObject("object").get("key").getAsString();
            String outcome = enforce(client, bucket, key);
            LOG.info("{} oss://{}/{}", outcome, bucket, key);
            return outcome;
        });
        client.shutdown();
    }

    private static String enforce(OSS client, String bucket, String key) {
        ObjectMetadata seen = client.getObjectMetadata(bucket, key);
        if ("AES256".equals(seen.getServerSideEncryption())) {
            return "COMPLIANT";
        }
        ObjectPermission acl = client.getObjectAcl(bucket, key).getPermission();
        ObjectMetadata keep = new ObjectMetadata();
        keep.setContentType(seen.getContentType());
        keep.setUserMetadata(seen.getUserMetadata());
        keep.setObjectAcl(CannedAccessControlList.parse(acl.toString()));
        CopyObjectRequest copy = new CopyObjectRequest(bucket, key, bucket, key);
        copy.setMatchingETagConstraints(List.of(seen.getETag()));
        copy.setNewObjectMetadata(keep);
        copy.setServerSideEncryption("AES256");
        client.copyObject(copy);
        if (!"AES256".equals(client.getObjectMetadata(bucket, key).getServerSideEncryption())) {
            throw new IllegalStateException("oss://" + bucket + "/" + key + " not encrypted");
        }
        return "ENCRYPTED";
    }
}
