package io.ossenforcer.localoss;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A request written byte for byte on a socket: what no Java SDK sends (any Host, an absolute URI, header values
 * that are raw UTF-8 bytes, {@code x-oss-date} without {@code Date}). Header values are given as Java strings and
 * sent as UTF-8, the way ali-oss ({@code headerEncoding: 'utf-8'}) and the SDKs put them on the wire; signatures are
 * computed over the same bytes, from OSS's V1 and V4 documentation.
 */
public final class WireRequest {
    static final DateTimeFormatter RFC_1123 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter V4_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.US).withZone(ZoneOffset.UTC);

    private final String method;
    private final String target;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body = new byte[0];

    /** {@code target} is the request-target as sent: {@code /key?acl=} or {@code http://host/key}. */
    public WireRequest(String method, String target) {
        this.method = method;
        this.target = target;
    }

    public WireRequest header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public WireRequest body(byte[] bytes) {
        this.body = bytes;
        return this;
    }

    public WireRequest dateNow() {
        return header("Date", RFC_1123.format(Instant.now()));
    }

    /** V1 over UTF-8 bytes with the {@code Date} header on the Date line. */
    public WireRequest signV1(String accessKeyId, String secret, String resource) {
        return signV1(accessKeyId, secret, headers.getOrDefault("Date", ""), resource);
    }

    /**
     * V1 over UTF-8 bytes: {@code dateLine} is the value signed on the Date line; {@code resource} the canonical
     * resource, e.g. {@code /bucket/key?acl}.
     */
    public WireRequest signV1(String accessKeyId, String secret, String dateLine, String resource) {
        StringBuilder s = new StringBuilder(method).append('\n')
                .append(headers.getOrDefault("Content-MD5", "")).append('\n')
                .append(headers.getOrDefault("Content-Type", "")).append('\n')
                .append(dateLine).append('\n');
        ossHeaders().forEach((k, v) -> s.append(k).append(':').append(v).append('\n'));
        s.append(resource);
        return header("Authorization", "OSS " + accessKeyId + ":"
                + Base64.getEncoder().encodeToString(hmac("HmacSHA1", utf8(secret), utf8(s.toString()))));
    }

    /** V4 with UNSIGNED-PAYLOAD: {@code canonicalUri} is {@code /bucket/key} encoded, {@code query} canonical. */
    public WireRequest signV4(String accessKeyId, String secret, String region, String canonicalUri, String query) {
        Instant now = Instant.now();
        String time = V4_TIME.format(now);
        String day = time.substring(0, 8);
        header("x-oss-date", time).header("x-oss-content-sha256", "UNSIGNED-PAYLOAD");
        StringBuilder canonical = new StringBuilder(method).append('\n').append(canonicalUri).append('\n')
                .append(query).append('\n');
        ossHeaders().forEach((k, v) -> canonical.append(k).append(':').append(v).append('\n'));
        canonical.append("\n\nUNSIGNED-PAYLOAD");
        String scope = day + "/" + region + "/oss/aliyun_v4_request";
        String stringToSign = "OSS4-HMAC-SHA256\n" + time + "\n" + scope + "\n"
                + HexFormat.of().formatHex(sha256(utf8(canonical.toString())));
        byte[] key = hmac("HmacSHA256", utf8("aliyun_v4" + secret), utf8(day));
        for (String step : List.of(region, "oss", "aliyun_v4_request")) {
            key = hmac("HmacSHA256", key, utf8(step));
        }
        return header("Authorization", "OSS4-HMAC-SHA256 Credential=" + accessKeyId + "/" + scope + ",Signature="
                + HexFormat.of().formatHex(hmac("HmacSHA256", key, utf8(stringToSign))));
    }

    /** Sends on a fresh connection ({@code Connection: close}) and reads the whole answer. */
    public Response send(LocalOss oss) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", oss.port())) {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.writeBytes(utf8(method + " " + target + " HTTP/1.1\r\n"));
            if (!headers.containsKey("Host")) {
                head.writeBytes(utf8("Host: 127.0.0.1:" + oss.port() + "\r\n"));
            }
            headers.forEach((k, v) -> head.writeBytes(utf8(k + ": " + v + "\r\n")));
            head.writeBytes(utf8("Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(head.toByteArray());
            out.write(body);
            out.flush();
            return Response.parse(socket.getInputStream(), method.equals("HEAD"));
        }
    }

    private Map<String, String> ossHeaders() {
        Map<String, String> sorted = new TreeMap<>();
        headers.forEach((k, v) -> {
            String name = k.toLowerCase(Locale.ROOT);
            if (name.startsWith("x-oss-")) {
                sorted.put(name, v);
            }
        });
        return sorted;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hmac(String algorithm, byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Status, headers with their values decoded as UTF-8 from the bytes received, and the body. */
    public record Response(int status, List<Map.Entry<String, String>> headers, byte[] body) {
        static Response parse(InputStream in, boolean head) throws IOException {
            byte[] all = in.readAllBytes();
            int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String[] lines = new String(all, 0, end, StandardCharsets.UTF_8).split("\r\n");
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.add(Map.entry(lines[i].substring(0, colon), lines[i].substring(colon + 1).trim()));
            }
            byte[] body = head ? new byte[0] : java.util.Arrays.copyOfRange(all, end + 4, all.length);
            return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
        }

        public String header(String name) {
            return headers.stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String xml(String element) {
            String text = text();
            int start = text.indexOf("<" + element + ">");
            int end = text.indexOf("</" + element + ">");
            return start < 0 || end < 0 ? null : text.substring(start + element.length() + 2, end);
        }

        private static int indexOf(byte[] data, byte[] pattern) {
            for (int i = 0; i + pattern.length <= data.length; i++) {
                if (java.util.Arrays.equals(data, i, i + pattern.length, pattern, 0, pattern.length)) {
                    return i;
                }
            }
            throw new IllegalStateException("no end of head in " + new String(data, StandardCharsets.UTF_8));
        }
    }
}
