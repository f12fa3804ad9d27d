package io.ossenforcer.localoss;

import static io.ossenforcer.localoss.ObjectsTest.bytes;
import static io.ossenforcer.localoss.ObjectsTest.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.CopyObjectRequest;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.security.MessageDigest;
import java.util.Date;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SignaturesTest extends LocalOssTest {
    private TestOss sts;

    @BeforeAll
    void startSts() throws IOException {
        client.putObject(bucket, "obj", bytes("data"));
        sts = TestOss.start(LocalOss.builder().credentials("STS.ak", "sts-secret").securityToken("token-1"));
        sts.bucket(sts.v1());
    }

    @AfterAll
    void stopSts() {
        sts.close();
    }

    private static String code(Executable call) {
        return assertThrows(OSSException.class, call).getErrorCode();
    }

    @Test
    void v4ClientCanWriteCopyListAndRead() throws Exception {
        OSS v4 = t.v4();
        v4.putObject(bucket, "v4/a b+c.txt", bytes("four"));
        CopyObjectRequest copy = new CopyObjectRequest(bucket, "v4/a b+c.txt", bucket, "v4/a b+c.txt");
        copy.setServerSideEncryption("AES256");
        v4.copyObject(copy);
        assertEquals("four", read(v4, bucket, "v4/a b+c.txt"));
        assertEquals("AES256", v4.getObjectMetadata(bucket, "v4/a b+c.txt").getServerSideEncryption());
        assertEquals(1, v4.listObjects(bucket, "v4/").getObjectSummaries().size());
    }

    @Test
    void wrongSecretIsSignatureDoesNotMatchForV1AndV4WithStringToSign() {
        OSSException v1 = assertThrows(OSSException.class,
                () -> t.v1(t.oss.accessKeyId(), "wrong", null).getObject(bucket, "obj"));
        assertEquals("SignatureDoesNotMatch", v1.getErrorCode());
        assertTrue(v1.getErrorMessage().contains("StringToSign: GET\n"), v1.getErrorMessage());
        assertTrue(v1.getErrorMessage().contains("/" + bucket + "/obj"), v1.getErrorMessage());
        OSSException v4 = assertThrows(OSSException.class,
                () -> t.v4(t.oss.accessKeyId(), "wrong", null).getObject(bucket, "obj"));
        assertEquals("SignatureDoesNotMatch", v4.getErrorCode());
        assertTrue(v4.getErrorMessage().contains("OSS4-HMAC-SHA256\n"), v4.getErrorMessage());
    }

    @Test
    void unknownAccessKeyIsInvalidAccessKeyIdForV1AndV4() {
        assertEquals("InvalidAccessKeyId", code(() -> t.v1("nobody", "x", null).getObject(bucket, "obj")));
        assertEquals("InvalidAccessKeyId", code(() -> t.v4("nobody", "x", null).getObject(bucket, "obj")));
    }

    @Test
    void headWithWrongSecretStillReportsTheCode() {
        assertEquals("SignatureDoesNotMatch",
                code(() -> t.v1(t.oss.accessKeyId(), "wrong", null).getObjectMetadata(bucket, "obj")));
    }

    @Test
    void correctlySignedRequestWithSkewedDateIsRequestTimeTooSkewed() throws Exception {
        RawRequest.Response skewed = new RawRequest("GET", "/" + bucket + "/obj")
                .header("Date", RawRequest.RFC_1123.format(Instant.now().minusSeconds(16 * 60)))
                .signV1(t.oss.accessKeyId(), t.oss.accessKeySecret(), "/" + bucket + "/obj").send(t.oss);
        assertEquals(403, skewed.status());
        assertEquals("RequestTimeTooSkewed", skewed.xml("Code"));
        RawRequest.Response within = new RawRequest("GET", "/" + bucket + "/obj")
                .header("Date", RawRequest.RFC_1123.format(Instant.now().minusSeconds(14 * 60)))
                .signV1(t.oss.accessKeyId(), t.oss.accessKeySecret(), "/" + bucket + "/obj").send(t.oss);
        assertEquals(200, within.status());
    }

    @Test
    void anonymousRequestIsAccessDenied() throws Exception {
        RawRequest.Response anonymous = new RawRequest("GET", "/" + bucket + "/obj").send(t.oss);
        assertEquals(403, anonymous.status());
        assertEquals("AccessDenied", anonymous.xml("Code"));
    }

    @Test
    void malformedAuthorizationIsInvalidArgument() throws Exception {
        for (String authorization : new String[] {"OSS no-colon", "Bearer abc", "OSS4-HMAC-SHA256 garbage"}) {
            RawRequest.Response r = new RawRequest("GET", "/" + bucket + "/obj")
                    .header("Authorization", authorization).send(t.oss);
            assertEquals(400, r.status(), authorization);
            assertEquals("InvalidArgument", r.xml("Code"), authorization);
        }
    }

    @Test
    void subResourcesAreSignedSoTamperingWithThemBreaksTheSignature() throws Exception {
        RawRequest.Response r = new RawRequest("GET", "/" + bucket + "/obj?acl")
                .signV1(t.oss.accessKeyId(), t.oss.accessKeySecret(), "/" + bucket + "/obj").send(t.oss);
        assertEquals("SignatureDoesNotMatch", r.xml("Code"));
        assertNotNull(r.xml("StringToSign"));
    }

    @Test
    void v4AuthorizationWithSpacesAfterCommasIsAccepted() throws Exception {
        Instant now = Instant.now();
        String dateTime = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(now);
        String day = dateTime.substring(0, 8);
        String scope = day + "/" + t.oss.region() + "/oss/aliyun_v4_request";
        String canonical = "GET\n/" + bucket + "/obj\n\nhost:127.0.0.1:" + t.oss.port()
                + "\nx-oss-content-sha256:UNSIGNED-PAYLOAD\nx-oss-date:" + dateTime + "\n\nhost\nUNSIGNED-PAYLOAD";
        String stringToSign = "OSS4-HMAC-SHA256\n" + dateTime + "\n" + scope + "\n" + HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("aliyun_v4" + t.oss.accessKeySecret()).getBytes(StandardCharsets.UTF_8), day);
        for (String step : new String[] {t.oss.region(), "oss", "aliyun_v4_request"}) {
            key = hmac(key, step);
        }
        String signature = HexFormat.of().formatHex(hmac(key, stringToSign));
        RawRequest.Response r = new RawRequest("GET", "/" + bucket + "/obj")
                .header("x-oss-date", dateTime).header("x-oss-content-sha256", "UNSIGNED-PAYLOAD")
                .header("Authorization", "OSS4-HMAC-SHA256 Credential=" + t.oss.accessKeyId() + "/" + scope
                        + ", AdditionalHeaders=host, Signature=" + signature)
                .send(t.oss);
        assertEquals(200, r.status(), r.body());
        assertEquals("data", r.body());
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void v4SignedForAnotherRegionIsRefused() {
        com.aliyun.oss.ClientBuilderConfiguration conf = new com.aliyun.oss.ClientBuilderConfiguration();
        conf.setSignatureVersion(com.aliyun.oss.common.comm.SignVersion.V4);
        OSS other = com.aliyun.oss.OSSClientBuilder.create().endpoint(t.oss.endpoint())
                .credentialsProvider(new com.aliyun.oss.common.auth.DefaultCredentialProvider(t.oss.accessKeyId(),
                        t.oss.accessKeySecret()))
                .clientConfiguration(conf).region("cn-beijing").build();
        try {
            assertEquals("InvalidArgument", code(() -> other.getObject(bucket, "obj")));
        } finally {
            other.shutdown();
        }
    }

    @Test
    void stsCredentialsWithTheRightTokenWorkForV1AndV4() throws Exception {
        String b = sts.bucket(sts.v1());
        sts.v1().putObject(b, "k", bytes("sts"));
        assertEquals("sts", read(sts.v4(), b, "k"));
    }

    @Test
    void stsWithoutTokenIsInvalidAccessKeyIdAndWithWrongTokenIsInvalidSecurityToken() {
        assertEquals("InvalidAccessKeyId", code(() -> sts.v1("STS.ak", "sts-secret", null).listBuckets()));
        assertEquals("InvalidAccessKeyId", code(() -> sts.v4("STS.ak", "sts-secret", null).listBuckets()));
        assertEquals("InvalidSecurityToken", code(() -> sts.v1("STS.ak", "sts-secret", "token-2").listBuckets()));
        assertEquals("InvalidSecurityToken", code(() -> sts.v4("STS.ak", "sts-secret", "token-2").listBuckets()));
    }

    @Test
    void tokenSentToNonStsCredentialsIsInvalidAccessKeyId() {
        assertEquals("InvalidAccessKeyId",
                code(() -> t.v1(t.oss.accessKeyId(), t.oss.accessKeySecret(), "stray").getObject(bucket, "obj")));
    }

    @Test
    void presignedV1UrlWorksUntilItExpires() throws Exception {
        URL url = client.generatePresignedUrl(bucket, "obj", new Date(System.currentTimeMillis() + 60_000));
        HttpURLConnection ok = (HttpURLConnection) url.openConnection();
        assertEquals(200, ok.getResponseCode());
        assertEquals("data", new String(ok.getInputStream().readAllBytes(), StandardCharsets.UTF_8));

        URL expired = client.generatePresignedUrl(bucket, "obj", new Date(System.currentTimeMillis() - 1000));
        HttpURLConnection old = (HttpURLConnection) expired.openConnection();
        assertEquals(403, old.getResponseCode());
        assertTrue(new String(old.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)
                .contains("<Code>AccessDenied</Code>"));
    }
}
