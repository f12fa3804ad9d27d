package io.ossenforcer.localoss;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticates requests exactly as OSS does: V1 ({@code Authorization: OSS ak:sig} and presigned URLs) and V4
 * ({@code OSS4-HMAC-SHA256}), the STS token, and the 15-minute clock-skew limit. Anonymous requests are refused.
 */
final class Signatures {
    /** The sub-resources V1 signs: aliyun-sdk-oss 3.18.3's {@code SignParameters.SIGNED_PARAMTERS}, in full. */
    private static final Set<String> V1_SUB_RESOURCES = new HashSet<>(Arrays.asList("acl", "uploads", "location",
            "cors", "logging", "website", "referer", "lifecycle", "delete", "append", "tagging", "objectMeta",
            "uploadId", "partNumber", "security-token", "position", "response-cache-control",
            "response-content-disposition", "response-content-encoding", "response-content-language",
            "response-content-type", "response-expires", "img", "style", "styleName", "replication",
            "replicationProgress", "replicationLocation", "cname", "bucketInfo", "comp", "qos", "live", "status",
            "vod", "startTime", "endTime", "x-oss-process", "processConfiguration", "symlink", "stat", "udf",
            "udfName", "udfImage", "udfImageDesc", "udfApplication", "udfApplicationLog", "restore", "versions",
            "versioning", "versionId", "encryption", "policy", "requestPayment", "x-oss-traffic-limit", "qosInfo",
            "asyncFetch", "sequential", "x-oss-request-payer", "vpcip", "vip", "inventory", "inventoryId",
            "continuation-token", "worm", "wormId", "wormExtend", "callback", "callback-var", "x-oss-dir",
            "x-oss-rename", "x-oss-delete", "transferAcceleration", "x-oss-ac-source-ip", "x-oss-ac-subnet-mask",
            "x-oss-ac-vpc-id", "x-oss-ac-forward-allow", "metaQuery", "resourceGroup", "regionList",
            "x-oss-async-process", "x-oss-write-get-object-response", "bucketArchiveDirectRead", "httpsConfig",
            "publicAccessBlock", "policyStatus", "redundancyTransition", "x-oss-target-redundancy-type",
            "x-oss-redundancy-transition-taskid", "accessPoint", "accessPointPolicy"));
    /**
     * The Java SDK V2's V1 list (its {@code SignerV1.SUBRESOURCE_KEY_SET}), shorter than 3.x's: V2 signs e.g.
     * PutBucketEncryption without {@code ?encryption}. Which list OSS applies is not documented, so a V1 signature
     * over either official reading is accepted.
     */
    private static final Set<String> V2_SDK_V1_SUB_RESOURCES = new HashSet<>(Arrays.asList("acl", "bucketInfo",
            "location", "stat", "delete", "append", "tagging", "objectMeta", "uploads", "uploadId", "partNumber",
            "security-token", "position", "response-content-type", "response-content-language", "response-expires",
            "response-cache-control", "response-content-disposition", "response-content-encoding", "restore",
            "callback", "callback-var", "versions", "versioning", "versionId", "sequential", "continuation-token",
            "regionList", "cloudboxes", "symlink", "resourceGroup", "cleanRestoredObject"));
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final String V4_ALGORITHM = "OSS4-HMAC-SHA256";
    private static final String V4_TERMINATOR = "aliyun_v4_request";
    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final String TOKEN_HEADER = "x-oss-security-token";
    private static final DateTimeFormatter V4_DAY =
            DateTimeFormatter.ofPattern("yyyyMMdd", Locale.US).withZone(ZoneOffset.UTC);

    private final Settings settings;
    private final Clock clock;

    Signatures(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    void verify(OssRequest request) {
        Optional<String> authorization = request.header("authorization");
        if (authorization.isPresent()) {
            String value = authorization.get();
            if (value.startsWith(V4_ALGORITHM + " ")) {
                verifyV4(request, value.substring(V4_ALGORITHM.length() + 1));
            } else if (value.startsWith("OSS ")) {
                verifyV1(request, value.substring(4));
            } else if (value.startsWith("OSS2 ")) {
                throw OssError.notImplemented("V2 signatures");
            } else {
                throw malformedAuthorization();
            }
        } else if (request.hasParam("OSSAccessKeyId")) {
            verifyPresignedV1(request);
        } else if (request.hasParam("x-oss-signature-version")) {
            throw OssError.notImplemented("V4 presigned URLs");
        } else {
            throw OssError.accessDenied("You have no right to access this object because of bucket acl.");
        }
    }

    private void verifyV1(OssRequest request, String credentials) {
        int colon = credentials.indexOf(':');
        if (colon <= 0 || colon == credentials.length() - 1) {
            throw malformedAuthorization();
        }
        String accessKeyId = credentials.substring(0, colon);
        checkAccessKey(accessKeyId);
        checkToken(request.header(TOKEN_HEADER));
        // Alibaba's V1 rule: the Date line is x-oss-date when present (clients that cannot set Date send only it).
        String date = request.header("x-oss-date").orElseGet(() -> request.header("date").orElse(""));
        byte[] stringToSign = v1StringToSign(request, date, V1_SUB_RESOURCES);
        String provided = credentials.substring(colon + 1);
        byte[] v2Reading = v1StringToSign(request, date, V2_SDK_V1_SUB_RESOURCES);
        if (!Arrays.equals(stringToSign, v2Reading) && matches(hmacSha1Base64(v2Reading), provided)) {
            stringToSign = v2Reading;
        }
        checkSignature(stringToSign, hmacSha1Base64(stringToSign), provided, accessKeyId);
        checkSkew(HttpDates.parseRfc1123(date));
    }

    private void verifyPresignedV1(OssRequest request) {
        String accessKeyId = request.param("OSSAccessKeyId").orElse("");
        String expires = request.param("Expires").orElseThrow(() -> OssError.accessDenied("Expires is missing."));
        String signature = request.param("Signature").orElseThrow(() -> OssError.accessDenied("Signature is missing."));
        checkAccessKey(accessKeyId);
        checkToken(request.param("security-token"));
        byte[] stringToSign = v1StringToSign(request, expires, V1_SUB_RESOURCES);
        checkSignature(stringToSign, hmacSha1Base64(stringToSign), signature, accessKeyId);
        long expiresAt;
        try {
            expiresAt = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            throw OssError.accessDenied("Expires is not a number of seconds: " + expires);
        }
        if (clock.instant().getEpochSecond() > expiresAt) {
            throw OssError.accessDenied("Request has expired.").with("Expires", HttpDates.iso8601(
                    Instant.ofEpochSecond(expiresAt))).with("ServerTime", HttpDates.iso8601(clock.instant()));
        }
    }

    /**
     * Header values are signed as the bytes they arrived as (UTF-8 user metadata included); the resource is the
     * decoded key's UTF-8. Sub-resources with an empty value are signed bare: clients put {@code ?acl=} or
     * {@code ?uploads=} in the URL and sign {@code ?acl}.
     */
    private static byte[] v1StringToSign(OssRequest request, String date, Set<String> subResources) {
        SignedBytes s = new SignedBytes();
        s.text(request.method()).text("\n");
        s.header(request.header("content-md5").orElse("")).text("\n");
        s.header(request.header("content-type").orElse("")).text("\n");
        s.header(date).text("\n");
        request.headers().forEach((name, value) -> {
            if (name.startsWith("x-oss-")) {
                s.text(name).text(":").header(value).text("\n");
            }
        });
        s.text(resourcePath(request));
        List<String> names = new ArrayList<>(request.params().keySet());
        Collections.sort(names);
        String separator = "?";
        for (String name : names) {
            if (subResources.contains(name)) {
                s.text(separator).text(name);
                request.param(name).filter(value -> !value.isEmpty()).ifPresent(value -> s.text("=").text(value));
                separator = "&";
            }
        }
        return s.bytes();
    }

    private void verifyV4(OssRequest request, String fields) {
        Map<String, String> parts = new LinkedHashMap<>();
        for (String field : fields.split(",")) {
            String trimmed = field.trim();
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                throw malformedAuthorization();
            }
            parts.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
        }
        String[] credential = parts.getOrDefault("Credential", "").split("/", -1);
        String signature = parts.get("Signature");
        if (credential.length != 5 || signature == null || !credential[4].equals(V4_TERMINATOR)) {
            throw malformedAuthorization();
        }
        String accessKeyId = credential[0];
        checkAccessKey(accessKeyId);
        checkToken(request.header(TOKEN_HEADER));
        String dateTime = request.header("x-oss-date").orElseThrow(Signatures::missingDate);
        Instant requestTime = HttpDates.parseV4(dateTime).orElseThrow(Signatures::missingDate);
        String scope = credential[1] + "/" + credential[2] + "/" + credential[3] + "/" + credential[4];
        if (!credential[1].equals(V4_DAY.format(requestTime))) {
            throw OssError.invalidArgument("Invalid signing date in Authorization header.", "Credential", scope);
        }
        if (!credential[2].equals(settings.region())) {
            throw OssError.invalidArgument("Invalid signing region in Authorization header.", "Credential", scope);
        }
        if (!credential[3].equals("oss")) {
            throw OssError.invalidArgument("Invalid signing product in Authorization header.", "Credential", scope);
        }
        List<String> additional = parts.containsKey("AdditionalHeaders")
                ? Arrays.asList(parts.get("AdditionalHeaders").toLowerCase(Locale.ROOT).split(";"))
                : Collections.emptyList();
        byte[] canonicalRequest = v4CanonicalRequest(request, additional);
        String stringToSign = V4_ALGORITHM + "\n" + dateTime + "\n" + scope + "\n" + hex(sha256(canonicalRequest));
        byte[] key = hmacSha256(("aliyun_v4" + settings.accessKeySecret()).getBytes(StandardCharsets.UTF_8),
                credential[1]);
        for (String step : Arrays.asList(credential[2], credential[3], V4_TERMINATOR)) {
            key = hmacSha256(key, step);
        }
        String expected = hex(hmacSha256(key, stringToSign));
        try {
            checkSignature(utf8(stringToSign), expected, signature, accessKeyId);
        } catch (OssError e) {
            throw e.with("CanonicalRequest", new String(canonicalRequest, StandardCharsets.UTF_8));
        }
        checkSkew(Optional.of(requestTime));
        checkPayloadHash(request);
    }

    private static byte[] v4CanonicalRequest(OssRequest request, List<String> additionalHeaders) {
        SignedBytes s = new SignedBytes();
        s.text(request.method()).text("\n");
        s.text(UriEncoding.encode(resourcePath(request), true)).text("\n");
        TreeMap<String, String> query = new TreeMap<>();
        request.params().forEach((name, value) -> query.put(UriEncoding.encode(name.trim(), false),
                UriEncoding.encode(value.orElse("").trim(), false)));
        String separator = "";
        for (Map.Entry<String, String> param : query.entrySet()) {
            s.text(separator).text(param.getKey());
            if (!param.getValue().isEmpty()) {
                s.text("=").text(param.getValue());
            }
            separator = "&";
        }
        s.text("\n");
        request.headers().forEach((name, value) -> {
            if (name.equals("content-type") || name.equals("content-md5") || name.startsWith("x-oss-")
                    || additionalHeaders.contains(name)) {
                s.text(name).text(":").header(value).text("\n");
            }
        });
        s.text("\n");
        s.text(String.join(";", additionalHeaders)).text("\n");
        s.header(request.header("x-oss-content-sha256").orElse(UNSIGNED_PAYLOAD));
        return s.bytes();
    }

    /** V4 requires {@code x-oss-content-sha256}; a value other than UNSIGNED-PAYLOAD must match the body. */
    private static void checkPayloadHash(OssRequest request) {
        String declared = request.header("x-oss-content-sha256").orElseThrow(() -> OssError.invalidArgument(
                "V4 requests must carry x-oss-content-sha256.", "x-oss-content-sha256", ""));
        if (!declared.equals(UNSIGNED_PAYLOAD) && !declared.equalsIgnoreCase(hex(sha256(request.body())))) {
            throw OssError.invalidArgument("x-oss-content-sha256 does not match the request body.",
                    "x-oss-content-sha256", declared);
        }
    }

    /** The path the SDK signs: {@code /}, {@code /bucket/} or {@code /bucket/key}, with the key not encoded. */
    private static String resourcePath(OssRequest request) {
        return request.bucket().map(b -> "/" + b + "/" + request.key().orElse("")).orElse("/");
    }

    private void checkAccessKey(String accessKeyId) {
        if (!accessKeyId.equals(settings.accessKeyId())) {
            throw invalidAccessKeyId(accessKeyId);
        }
    }

    /**
     * With a configured token the request must carry it: without one OSS cannot match the STS key id, so
     * {@code InvalidAccessKeyId}; a different one is {@code InvalidSecurityToken}. Without a configured token, a
     * request carrying one is treated by OSS as STS with a key id it does not know. A token past its expiry is
     * {@code SecurityTokenExpired} (OSS EC 0002-00000007).
     */
    private void checkToken(Optional<String> token) {
        Optional<String> expected = settings.securityToken();
        if (expected.isPresent() && !token.isPresent() || !expected.isPresent() && token.isPresent()) {
            throw invalidAccessKeyId(settings.accessKeyId());
        }
        if (expected.isPresent() && !MessageDigest.isEqual(utf8(expected.get()), utf8(token.get()))) {
            throw new OssError(403, "InvalidSecurityToken", "The security token you provided is invalid.");
        }
        Optional<Instant> expiry = settings.securityTokenExpiry();
        if (expiry.isPresent() && clock.instant().isAfter(expiry.get())) {
            throw new OssError(403, "SecurityTokenExpired", "The security token you provided has expired.")
                    .with("ServerTime", HttpDates.iso8601(clock.instant()))
                    .with("Expiration", HttpDates.iso8601(expiry.get()));
        }
    }

    private static boolean matches(String expected, String provided) {
        return MessageDigest.isEqual(utf8(expected), utf8(provided));
    }

    private void checkSignature(byte[] signed, String expected, String provided, String accessKeyId) {
        if (!matches(expected, provided)) {
            String stringToSign = new String(signed, StandardCharsets.UTF_8);
            throw new OssError(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the"
                    + " signature you provided. Check your key and signing method. StringToSign: " + stringToSign)
                    .with("StringToSign", stringToSign).with("SignatureProvided", provided)
                    .with("OSSAccessKeyId", accessKeyId);
        }
    }

    private void checkSkew(Optional<Instant> requestTime) {
        Instant time = requestTime.orElseThrow(Signatures::missingDate);
        Instant now = clock.instant();
        if (Duration.between(time, now).abs().compareTo(MAX_SKEW) > 0) {
            throw new OssError(403, "RequestTimeTooSkewed",
                    "The difference between the request time and the current time is too large.")
                    .with("RequestTime", HttpDates.iso8601(time)).with("ServerTime", HttpDates.iso8601(now))
                    .with("MaxAllowedSkewMilliseconds", String.valueOf(MAX_SKEW.toMillis()));
        }
    }

    private static OssError invalidAccessKeyId(String accessKeyId) {
        return new OssError(403, "InvalidAccessKeyId", "The OSS Access Key Id you provided does not exist in our"
                + " records.").with("OSSAccessKeyId", accessKeyId);
    }

    private static OssError missingDate() {
        return OssError.accessDenied("OSS authentication requires a valid Date (V1) or x-oss-date (V4) header.");
    }

    private static OssError malformedAuthorization() {
        return OssError.invalidArgument("Authorization header is invalid.", "Authorization", "");
    }

    private String hmacSha1Base64(byte[] stringToSign) {
        return Base64.getEncoder().encodeToString(
                mac("HmacSHA1", utf8(settings.accessKeySecret()), stringToSign));
    }

    private static byte[] hmacSha256(byte[] key, String data) {
        return mac("HmacSHA256", key, utf8(data));
    }

    private static byte[] mac(String algorithm, byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is in every JDK", e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is in every JDK", e);
        }
    }

    static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            s.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return s.toString();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * What is signed, as bytes. The HTTP server hands header values over one char per byte received (ISO-8859-1),
     * so {@link #header} writes them back byte for byte, trimmed: UTF-8 metadata is signed as the client's bytes,
     * not re-encoded. Everything else (method, names, the decoded key) is text signed as UTF-8.
     */
    private static final class SignedBytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        SignedBytes text(String text) {
            out.writeBytes(utf8(text));
            return this;
        }

        SignedBytes header(String value) {
            out.writeBytes(value.trim().getBytes(StandardCharsets.ISO_8859_1));
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
