package io.ossenforcer.bench;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The JVM floor: the SDK floor's calls for one object over HttpURLConnection, signed with OSS's V1 HMAC-SHA1
 * scheme (the SDK uses V4; both are one HMAC per request). Arguments: endpoint region bucket key.
 */
public final class RawHttpFloor {
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final String endpoint;
    private final String id = System.getenv("ALIBABA_CLOUD_ACCESS_KEY_ID");
    private final String secret = System.getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET");

    private RawHttpFloor(String endpoint) {
        this.endpoint = endpoint;
    }

    public static void main(String[] args) throws Exception {
        RawHttpFloor floor = new RawHttpFloor(args[0]);
        String bucket = args[2];
        String key = args[3];
        HttpURLConnection head = floor.request("HEAD", bucket, key, "", Map.of());
        String eTag = head.getHeaderField("ETag");
        if (head.getHeaderField("x-oss-server-side-encryption") != null) {
            return;
        }
        floor.request("GET", bucket, key, "?acl", Map.of()).getInputStream().readAllBytes();
        Map<String, String> copy = new TreeMap<>();
        copy.put("x-oss-copy-source", "/" + bucket + "/" + key);
        copy.put("x-oss-copy-source-if-match", eTag);
        copy.put("x-oss-metadata-directive", "REPLACE");
        copy.put("x-oss-server-side-encryption", "AES256");
        copy.put("x-oss-object-acl", "default");
        copy.put("x-oss-storage-class", "Standard");
        floor.request("PUT", bucket, key, "", copy).getInputStream().readAllBytes();
        if (!"AES256".equals(floor.request("HEAD", bucket, key, "", Map.of())
                .getHeaderField("x-oss-server-side-encryption"))) {
            throw new IllegalStateException("oss://" + bucket + "/" + key + " not encrypted");
        }
    }

    private HttpURLConnection request(String method, String bucket, String key, String subresource,
            Map<String, String> ossHeaders) throws IOException, GeneralSecurityException {
        String resource = "/" + bucket + "/" + key + subresource;
        String date = HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
        String contentType = method.equals("PUT") ? "text/plain" : "";
        StringBuilder toSign = new StringBuilder(method).append("\n\n").append(contentType).append('\n')
                .append(date).append('\n');
        ossHeaders.forEach((name, value) -> toSign.append(name).append(':').append(value).append('\n'));
        toSign.append(resource);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(toSign.toString()
                .getBytes(StandardCharsets.UTF_8)));
        HttpURLConnection c = (HttpURLConnection) new URL(endpoint + resource).openConnection();
        c.setRequestMethod(method);
        c.setRequestProperty("Date", date);
        c.setRequestProperty("Authorization", "OSS " + id + ":" + signature);
        ossHeaders.forEach(c::setRequestProperty);
        if (method.equals("PUT")) {
            c.setRequestProperty("Content-Type", contentType);
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(0);
            c.getOutputStream().close();
        }
        if (c.getResponseCode() / 100 != 2) {
            throw new IOException(method + " " + resource + ": HTTP " + c.getResponseCode());
        }
        return c;
    }
}
