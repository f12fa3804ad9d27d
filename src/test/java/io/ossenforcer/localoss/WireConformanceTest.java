package io.ossenforcer.localoss;

import static io.ossenforcer.localoss.ObjectsTest.bytes;
import static io.ossenforcer.localoss.ObjectsTest.read;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What official clients send that the Java SDKs never do, written on the wire: ali-oss's virtual-hosted Host with an
 * IP endpoint, {@code <bucket>.localhost}, {@code x-oss-date} without {@code Date}, {@code ?acl=} signed bare, an
 * absolute URI through a proxy, and header values that are UTF-8 bytes.
 */
class WireConformanceTest extends LocalOssTest {
    private static final String CHINESE_AND_EMOJI = "中文名 \uD83D\uDE00 ok";

    private String ak() {
        return t.oss.accessKeyId();
    }

    private String sk() {
        return t.oss.accessKeySecret();
    }

    private String ossHost() {
        return bucket + ".oss-" + t.oss.region() + ".aliyuncs.com";
    }

    @Test
    void aliOssVirtualHostWithIpEndpointPutsAndGetsByV1() throws IOException {
        WireRequest.Response put = new WireRequest("PUT", "/vh/one.txt").header("Host", ossHost()).dateNow()
                .body(utf8("virtual")).header("Content-Type", "text/plain")
                .signV1(ak(), sk(), "/" + bucket + "/vh/one.txt").send(t.oss);
        assertEquals(200, put.status(), put.text());
        assertEquals("virtual", read(client, bucket, "vh/one.txt"));
        WireRequest.Response get = new WireRequest("GET", "/vh/one.txt").header("Host", ossHost()).dateNow()
                .signV1(ak(), sk(), "/" + bucket + "/vh/one.txt").send(t.oss);
        assertEquals("virtual", get.text());
    }

    @Test
    void virtualHostV4SignsTheBucketInTheCanonicalUri() throws IOException {
        client.putObject(bucket, "vh/four.txt", bytes("four"));
        WireRequest.Response get = new WireRequest("GET", "/vh/four.txt").header("Host", ossHost())
                .signV4(ak(), sk(), t.oss.region(), "/" + bucket + "/vh/four.txt", "").send(t.oss);
        assertEquals(200, get.status(), get.text());
        assertEquals("four", get.text());
    }

    @Test
    void bucketDotLocalhostNamesTheBucket() throws IOException {
        client.putObject(bucket, "vh/local.txt", bytes("local"));
        WireRequest.Response get = new WireRequest("GET", "/vh/local.txt")
                .header("Host", bucket + ".localhost:" + t.oss.port()).dateNow()
                .signV1(ak(), sk(), "/" + bucket + "/vh/local.txt").send(t.oss);
        assertEquals("local", get.text());
    }

    @Test
    void virtualHostWithRootPathIsTheBucketListing() throws IOException {
        client.putObject(bucket, "vh/listed.txt", bytes("l"));
        WireRequest.Response list = new WireRequest("GET", "/?prefix=vh%2Flisted").header("Host", ossHost())
                .dateNow().signV1(ak(), sk(), "/" + bucket + "/").send(t.oss);
        assertEquals(200, list.status(), list.text());
        assertTrue(list.text().contains("<Key>vh/listed.txt</Key>"), list.text());
    }

    @Test
    void absoluteUriThroughAProxyIsRoutedByItsAuthority() throws IOException {
        client.putObject(bucket, "vh/proxied.txt", bytes("proxied"));
        WireRequest.Response get = new WireRequest("GET", "http://" + ossHost() + "/vh/proxied.txt")
                .header("Host", ossHost()).dateNow()
                .signV1(ak(), sk(), "/" + bucket + "/vh/proxied.txt").send(t.oss);
        assertEquals("proxied", get.text());
    }

    @Test
    void serviceEndpointHostStaysPathStyle() throws IOException {
        client.putObject(bucket, "vh/path.txt", bytes("path"));
        WireRequest.Response get = new WireRequest("GET", "/" + bucket + "/vh/path.txt")
                .header("Host", "oss-" + t.oss.region() + ".aliyuncs.com").dateNow()
                .signV1(ak(), sk(), "/" + bucket + "/vh/path.txt").send(t.oss);
        assertEquals("path", get.text());
    }

    @Test
    void v1WithOnlyXOssDateSignsItOnTheDateLine() throws IOException {
        client.putObject(bucket, "date/only.txt", bytes("d"));
        String now = WireRequest.RFC_1123.format(Instant.now());
        WireRequest.Response get = new WireRequest("GET", "/" + bucket + "/date/only.txt").header("x-oss-date", now)
                .signV1(ak(), sk(), now, "/" + bucket + "/date/only.txt").send(t.oss);
        assertEquals(200, get.status(), get.text());
    }

    @Test
    void v1XOssDateWinsOverASkewedDate() throws IOException {
        client.putObject(bucket, "date/both.txt", bytes("d"));
        String now = WireRequest.RFC_1123.format(Instant.now());
        WireRequest.Response get = new WireRequest("GET", "/" + bucket + "/date/both.txt")
                .header("Date", WireRequest.RFC_1123.format(Instant.now().minusSeconds(3600)))
                .header("x-oss-date", now)
                .signV1(ak(), sk(), now, "/" + bucket + "/date/both.txt").send(t.oss);
        assertEquals(200, get.status(), get.text());
    }

    @Test
    void v1SkewedXOssDateIsRequestTimeTooSkewed() throws IOException {
        client.putObject(bucket, "date/skewed.txt", bytes("d"));
        String old = WireRequest.RFC_1123.format(Instant.now().minusSeconds(3600));
        WireRequest.Response get = new WireRequest("GET", "/" + bucket + "/date/skewed.txt").dateNow()
                .header("x-oss-date", old)
                .signV1(ak(), sk(), old, "/" + bucket + "/date/skewed.txt").send(t.oss);
        assertEquals("RequestTimeTooSkewed", get.xml("Code"));
    }

    @Test
    void emptyValuedSubResourcesAreSignedBare() throws IOException {
        client.putObject(bucket, "sub/acl.txt", bytes("a"));
        WireRequest.Response acl = new WireRequest("GET", "/" + bucket + "/sub/acl.txt?acl=").dateNow()
                .signV1(ak(), sk(), "/" + bucket + "/sub/acl.txt?acl").send(t.oss);
        assertEquals(200, acl.status(), acl.text());
        WireRequest.Response uploads = new WireRequest("POST", "/sub/mp.txt?uploads=").header("Host", ossHost())
                .dateNow().signV1(ak(), sk(), "/" + bucket + "/sub/mp.txt?uploads").send(t.oss);
        assertEquals(200, uploads.status(), uploads.text());
    }

    @Test
    void utf8MetadataIsSignedStoredAndReturnedByteForByte() throws IOException {
        WireRequest.Response put = new WireRequest("PUT", "/" + bucket + "/meta/utf8.txt").dateNow()
                .header("x-oss-meta-name", CHINESE_AND_EMOJI).body(utf8("m"))
                .signV1(ak(), sk(), "/" + bucket + "/meta/utf8.txt").send(t.oss);
        assertEquals(200, put.status(), put.text());
        WireRequest.Response head = new WireRequest("HEAD", "/" + bucket + "/meta/utf8.txt").dateNow()
                .signV1(ak(), sk(), "/" + bucket + "/meta/utf8.txt").send(t.oss);
        assertArrayEquals(CHINESE_AND_EMOJI.getBytes(StandardCharsets.UTF_8),
                head.header("x-oss-meta-name").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void generatedObjectMetadataGoesOutAsUtf8() throws IOException {
        t.oss.putGeneratedObject(bucket, "meta/generated", 10, 1, java.util.Map.of("x-oss-meta-name", "café 中文"));
        WireRequest.Response head = new WireRequest("HEAD", "/" + bucket + "/meta/generated").dateNow()
                .signV1(ak(), sk(), "/" + bucket + "/meta/generated").send(t.oss);
        assertArrayEquals(utf8("café 中文"), head.header("x-oss-meta-name").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void utf8MetadataSignedByV4IsAccepted() throws IOException {
        WireRequest.Response put = new WireRequest("PUT", "/meta/utf8-v4.txt").header("Host", ossHost())
                .header("x-oss-meta-name", CHINESE_AND_EMOJI).body(utf8("m"))
                .signV4(ak(), sk(), t.oss.region(), "/" + bucket + "/meta/utf8-v4.txt", "").send(t.oss);
        assertEquals(200, put.status(), put.text());
        assertEquals(CHINESE_AND_EMOJI,
                client.getObjectMetadata(bucket, "meta/utf8-v4.txt").getUserMetadata().get("name"));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
