package io.ossenforcer.handler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.aliyun.fc.runtime.Context;
import io.ossenforcer.app.Application;
import io.ossenforcer.app.Settings;
import io.ossenforcer.localoss.LocalOss;
import io.ossenforcer.localoss.WireRequest;
import io.ossenforcer.testing.Emulator;
import io.ossenforcer.testing.FcContexts;
import io.ossenforcer.testing.NothingLost;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * User metadata holding non-ASCII UTF-8 comes out of a rewrite, simple and multipart, with exactly the bytes it went
 * in with, or the rewrite ends FAILED saying why: the OSS Java SDK 3.x can send UTF-8 whose bytes avoid 0x80-0x9F
 * (季度, 张, café) but writes those bytes (报告, every emoji) as '?'. The emulator signs, stores and returns header
 * bytes as they are, as OSS does, so a mangled value would show here.
 */
class Utf8MetadataRewriteTest {
    private static final long COPY_LIMIT = 300 * 1024;
    private static final Map<String, String> SENDABLE = Map.of("name", "季度 大中", "owner", "张", "note", "café ü",
            "plain", "ascii only");
    private static final Map<String, String> UNSENDABLE = Map.of("name", "季度报告 \uD83D\uDCCA", "plain", "ascii");

    private static Emulator emulator;
    private static Application app;
    private static EnforcerHandler handler;
    private static Context context;
    private static final List<String> EVENTS = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws IOException {
        emulator = Emulator.start(LocalOss.builder().copyLimitBytes(COPY_LIMIT)).bucket("utf8");
        emulator.oss.addEventListener(EVENTS::add);
        app = Application.builder(Settings.fromEnvironment(Map.of(
                Settings.RULES_FILE, "test-fixtures/rules/utf8-metadata.json",
                Settings.OSS_ENDPOINT, emulator.oss.endpoint(),
                Settings.COPY_LIMIT_BYTES, Long.toString(COPY_LIMIT),
                Settings.COPY_PART_BYTES, Long.toString(100 * 1024)))).build();
        handler = new EnforcerHandler(app);
        context = FcContexts.of("utf8-metadata", Optional.of(emulator.key));
        handler.initialize(context);
    }

    @AfterAll
    static void stop() {
        app.close();
        emulator.close();
    }

    /**
     * Uploads on the wire with the metadata as UTF-8 bytes, as ali-oss and browsers send it. Neither Java SDK can:
     * the 3.x's HTTP client (Apache HttpCore 4.4) writes header bytes 0x80-0x9F as '?' after signing the real
     * ones, and OSS (like the emulator) answers SignatureDoesNotMatch; the V2's does the same.
     */
    private static String upload(String key, int size, Map<String, String> meta) throws IOException {
        byte[] content = new byte[size];
        Arrays.fill(content, (byte) 'u');
        int before = settled();
        String path = "/utf8/" + URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20")
                .replace("%2F", "/");
        WireRequest put = new WireRequest("PUT", path).dateNow().body(content);
        meta.forEach((name, value) -> put.header("x-oss-meta-" + name, value));
        WireRequest.Response response = put.signV1(emulator.key.id(), emulator.key.secret(), "/utf8/" + key)
                .send(emulator.oss);
        assertEquals(200, response.status(), response.text());
        settled();
        return EVENTS.get(before);
    }

    private static int settled() {
        emulator.oss.awaitEventsDelivered(Duration.ofSeconds(30));
        return EVENTS.size();
    }

    private static JsonObject invoke(String event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, context);
        JsonArray results = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject()
                .getAsJsonArray("results");
        return results.get(0).getAsJsonObject();
    }

    private static void assertSameBytes(String key, Map<String, String> meta) {
        Map<String, String> after = emulator.client.getObjectMetadata("utf8", key).getUserMetadata();
        assertEquals(meta.keySet(), after.keySet());
        meta.forEach((name, value) -> assertArrayEquals(value.getBytes(StandardCharsets.UTF_8),
                after.get(name).getBytes(StandardCharsets.UTF_8), name));
    }

    private static void assertFailedSayingWhy(JsonObject result, String key) {
        assertEquals("FAILED", result.get("outcome").getAsString(), result.toString());
        String reason = result.get("reason").getAsString();
        assertTrue(reason.contains("x-oss-meta-name") && reason.contains("OSS Java SDK 3.x cannot send"), reason);
        assertNull(emulator.client.getObjectMetadata("utf8", key).getServerSideEncryption());
        assertSameBytes(key, UNSENDABLE);
    }

    @Test
    void aSimpleRewriteKeepsUtf8MetadataByteForByte() throws IOException {
        String event = upload("reports/季度.txt", 1000, SENDABLE);
        NothingLost check = NothingLost.capture(emulator, "utf8", "reports/季度.txt");

        JsonObject result = invoke(event);

        assertEquals("ENCRYPTED", result.get("outcome").getAsString(), result.toString());
        assertSameBytes("reports/季度.txt", SENDABLE);
        assertEquals("KMS", emulator.client.getObjectMetadata("utf8", "reports/季度.txt").getServerSideEncryption());
        check.verify();
    }

    @Test
    void aMultipartRewriteKeepsUtf8MetadataByteForByte() throws IOException {
        String event = upload("reports/大.bin", (int) COPY_LIMIT + 150 * 1024, SENDABLE);
        NothingLost check = NothingLost.capture(emulator, "utf8", "reports/大.bin");

        JsonObject result = invoke(event);

        assertEquals("ENCRYPTED", result.get("outcome").getAsString(), result.toString());
        assertEquals("Multipart", emulator.client.getObjectMetadata("utf8", "reports/大.bin").getObjectType());
        assertSameBytes("reports/大.bin", SENDABLE);
        check.verify();
    }

    @Test
    void aSimpleRewriteOfMetadataTheSdkCannotSendFailsSayingSoAndChangesNothing() throws IOException {
        String event = upload("reports/emoji.txt", 1000, UNSENDABLE);
        NothingLost check = NothingLost.capture(emulator, "utf8", "reports/emoji.txt");

        assertFailedSayingWhy(invoke(event), "reports/emoji.txt");
        check.verify();
    }

    @Test
    void aMultipartRewriteOfMetadataTheSdkCannotSendFailsSayingSoAndChangesNothing() throws IOException {
        String event = upload("reports/emoji.bin", (int) COPY_LIMIT + 150 * 1024, UNSENDABLE);
        NothingLost check = NothingLost.capture(emulator, "utf8", "reports/emoji.bin");

        assertFailedSayingWhy(invoke(event), "reports/emoji.bin");
        assertEquals(0, emulator.oss.openMultipartUploads("utf8"));
        check.verify();
    }
}
