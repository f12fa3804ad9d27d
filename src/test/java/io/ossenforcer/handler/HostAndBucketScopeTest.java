package io.ossenforcer.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.ClientException;
import com.aliyun.oss.OSS;
import io.ossenforcer.app.Application;
import io.ossenforcer.oss.ClientCache;
import io.ossenforcer.app.Settings;
import io.ossenforcer.enforce.Outcome;
import io.ossenforcer.event.EventRecord;
import io.ossenforcer.oss.AccessKey;
import io.ossenforcer.oss.OssClients;
import io.ossenforcer.testing.Emulator;
import io.ossenforcer.testing.RecordingOss;
import io.ossenforcer.testing.Secrets;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where the handler sends the function's credentials: only to hosts built from a validated region or the configured
 * OSS_ENDPOINT, and only about buckets the rules name — whatever the event says.
 */
class HostAndBucketScopeTest {
    private static final String BUCKET = "enforced";
    private static final AccessKey KEY = new AccessKey("LTAI-scope-test", "scope-test-secret-0001", Optional.empty());

    /** Records each client the handler asks for; the clients fail every call without touching the network. */
    static {
        Secrets.used(KEY.secret());
    }

    private final List<String> endpoints = Collections.synchronizedList(new ArrayList<>());
    private final ClientCache offline = new ClientCache((endpoint, region, key) -> {
        endpoints.add(endpoint);
        return (OSS) Proxy.newProxyInstance(OSS.class.getClassLoader(), new Class<?>[] {OSS.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("shutdown")) {
                        return null;
                    }
                    throw new ClientException("this test has no network");
                });
    });

    private static EventRecord record(String bucket, String key, Optional<String> region) {
        return new EventRecord("ObjectCreated:PutObject", bucket, key, Optional.empty(), OptionalLong.empty(), region,
                Optional.empty());
    }

    private List<Outcome> handle(Settings settings, ClientCache clients, EventRecord... records) throws Exception {
        try (Application app = Application.builder(settings).clients(clients).build()) {
            return app.enforce(List.of(records), Optional.of(KEY), "scope-test").outcomes();
        }
    }

    private static Settings settings(Optional<String> endpoint, Optional<String> fcRegion) {
        return new Settings(Optional.of(Path.of("test-fixtures/rules/handler-it.json")), endpoint, fcRegion, false);
    }

    @Test
    void withoutOssEndpointTheHostIsTheInternalEndpointOfEachRecordsRegion() throws Exception {
        handle(settings(Optional.empty(), Optional.of("cn-beijing")), offline,
                record(BUCKET, "a", Optional.of("cn-hangzhou")), record(BUCKET, "b", Optional.of("cn-shanghai")),
                record(BUCKET, "c", Optional.empty()));

        assertEquals(Set.of("https://oss-cn-hangzhou-internal.aliyuncs.com",
                "https://oss-cn-shanghai-internal.aliyuncs.com", "https://oss-cn-beijing-internal.aliyuncs.com"),
                new TreeSet<>(endpoints));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cn-hangzhou.evil.com", "evil.com/", "cn-hangzhou@evil.com", "../", "..", "CN-HANGZHOU",
        "", " ", "cn-hangzhou\n", "cn-hangzhoü", "cn-hangzhou:443", "cn‐hangzhou"})
    void aHostileRegionInARecordBuildsNoClientAndFailsTheRecordPermanently(String region) throws Exception {
        List<Outcome> outcomes = handle(settings(Optional.empty(), Optional.empty()), offline,
                record(BUCKET, "a", Optional.of(region)));

        assertTrue(endpoints.isEmpty(), endpoints::toString);
        assertEquals(Outcome.Kind.FAILED, outcomes.get(0).kind());
        assertFalse(outcomes.get(0).retryable());
        assertTrue(outcomes.get(0).reason().contains("invalid region"), outcomes.get(0).reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cn-hangzhou.evil.com", "../", "CN-HANGZHOU"})
    void aHostileFcRegionBuildsNoClient(String region) throws Exception {
        List<Outcome> outcomes = handle(settings(Optional.empty(), Optional.of(region)), offline,
                record(BUCKET, "a", Optional.empty()));

        assertTrue(endpoints.isEmpty(), endpoints::toString);
        assertEquals(Outcome.Kind.FAILED, outcomes.get(0).kind());
    }

    @Test
    void aConfiguredEndpointIsTheOnlyHostWhateverTheRecordsRegion() throws Exception {
        handle(settings(Optional.of("http://127.0.0.1:9"), Optional.empty()), offline,
                record(BUCKET, "a", Optional.of("cn-hangzhou")), record(BUCKET, "b", Optional.of("us-west-1")));

        assertEquals(Set.of("http://127.0.0.1:9"), new TreeSet<>(endpoints));
    }

    @Test
    void recordsOfBucketsTheRulesDoNotNameBuildNoClient() throws Exception {
        List<Outcome> outcomes = handle(settings(Optional.empty(), Optional.empty()), offline,
                record("not-in-rules", "a", Optional.of("cn-hangzhou")), record("other-team", "b", Optional.empty()));

        assertTrue(endpoints.isEmpty(), endpoints::toString);
        assertTrue(outcomes.stream().allMatch(o -> o.kind() == Outcome.Kind.SKIPPED), outcomes::toString);
    }

    @Test
    void aMixedEventTouchesOnlyTheBucketsTheRulesName() throws Exception {
        try (Emulator emulator = Emulator.start().bucket(BUCKET)) {
            emulator.bucket("not-in-rules");
            for (String bucket : List.of(BUCKET, "not-in-rules")) {
                emulator.put(bucket, "reports/a.pdf", "a");
                emulator.put(bucket, "logs/b.log", "b");
            }
            RecordingOss recording = new RecordingOss();
            ClientCache recorded = new ClientCache((endpoint, region, key) ->
                    recording.wrap(OssClients.build(endpoint, region, key)));
            Optional<String> region = Optional.of(emulator.oss.region());

            Application app = Application.builder(settings(Optional.of(emulator.oss.endpoint()), Optional.empty()))
                    .clients(recorded).build();
            List<Outcome> outcomes = app.enforce(List.of(
                    record("not-in-rules", "reports/a.pdf", region), record(BUCKET, "reports/a.pdf", region),
                    record("not-in-rules", "logs/b.log", region), record(BUCKET, "logs/b.log", region)),
                    Optional.of(emulator.key), "scope-test").outcomes();
            app.close();

            assertFalse(recording.calls().isEmpty());
            for (RecordingOss.Call call : recording.calls()) {
                assertEquals(Set.of(BUCKET), call.buckets, call::toString);
            }
            assertEquals(List.of(Outcome.Kind.SKIPPED, Outcome.Kind.ENCRYPTED, Outcome.Kind.SKIPPED,
                    Outcome.Kind.WOULD_ENCRYPT), outcomes.stream().map(Outcome::kind).toList());
            assertEquals(null, emulator.client.getObjectMetadata("not-in-rules", "reports/a.pdf")
                    .getServerSideEncryption());
        }
    }
}
