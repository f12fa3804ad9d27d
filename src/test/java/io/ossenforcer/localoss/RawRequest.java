package io.ossenforcer.localoss;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Requests the SDK cannot express (skewed dates, malformed auth, parts out of order), over HttpURLConnection, with an
 * independent V1 signer written from OSS's documentation.
 */
final class RawRequest {
    static final DateTimeFormatter RFC_1123 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final String method;
    private final String pathAndQuery;
    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private byte[] body = new byte[0];

    RawRequest(String method, String pathAndQuery) {
        this.method = method;
        this.pathAndQuery = pathAndQuery;
        headers.put("Date", RFC_1123.format(Instant.now()));
    }

    RawRequest header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    RawRequest body(byte[] bytes) {
        this.body = bytes;
        return this;
    }

    /** Signs with V1: {@code resource} is the canonical resource, e.g. {@code /bucket/key?uploadId=x}. */
    RawRequest signV1(String accessKeyId, String secret, String resource) {
        StringBuilder s = new StringBuilder(method).append('\n')
                .append(headers.getOrDefault("Content-MD5", "")).append('\n')
                .append(headers.getOrDefault("Content-Type", "")).append('\n')
                .append(headers.getOrDefault("Date", "")).append('\n');
        new TreeMap<>(lowercase(headers)).forEach((k, v) -> {
            if (k.startsWith("x-oss-")) {
                s.append(k).append(':').append(v).append('\n');
            }
        });
        s.append(resource);
        return header("Authorization", "OSS " + accessKeyId + ":" + hmacSha1(secret, s.toString()));
    }

    Response send(LocalOss oss) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(oss.endpoint() + pathAndQuery).toURL().openConnection();
        c.setRequestMethod(method);
        headers.forEach(c::setRequestProperty);
        if (body.length > 0 || method.equals("PUT") || method.equals("POST")) {
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
        }
        int status = c.getResponseCode();
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        byte[] bytes = in == null ? new byte[0] : in.readAllBytes();
        return new Response(status, c.getHeaderFields(), new String(bytes, StandardCharsets.UTF_8));
    }

    private static Map<String, String> lowercase(Map<String, String> headers) {
        Map<String, String> lower = new TreeMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        return lower;
    }

    static String hmacSha1(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    record Response(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> name.equals(e.getKey())).map(e -> e.getValue().get(0))
                    .findFirst().orElse(null);
        }

        /** The text of {@code <element>} in the body, or null. */
        String xml(String element) {
            int start = body.indexOf("<" + element + ">");
            int end = body.indexOf("</" + element + ">");
            return start < 0 || end < 0 ? null : body.substring(start + element.length() + 2, end);
        }
    }
}
