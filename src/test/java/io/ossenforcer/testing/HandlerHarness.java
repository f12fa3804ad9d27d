package io.ossenforcer.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.aliyun.fc.runtime.Context;
import io.ossenforcer.app.Application;
import io.ossenforcer.app.Settings;
import io.ossenforcer.handler.EnforcerHandler;
import io.ossenforcer.localoss.LocalOss;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The FC path end to end: an emulator whose trigger events are captured, and the real handler they are handed to,
 * as FC would, with the role's credentials in the context.
 */
public final class HandlerHarness implements AutoCloseable {
    public final Emulator emulator;
    public final Application app;
    public final EnforcerHandler handler;
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final Context context;

    private HandlerHarness(Emulator emulator, Settings settings) throws IOException {
        this.emulator = emulator;
        emulator.oss.addEventListener(events::add);
        this.context = FcContexts.of("fc-harness", Optional.of(emulator.key));
        this.app = Application.builder(settings).build();
        this.handler = new EnforcerHandler(app);
        handler.initialize(context);
    }

    public static HandlerHarness start(LocalOss.Builder emulator, Path rules, String... buckets) throws IOException {
        Emulator e = withBuckets(emulator, buckets);
        return new HandlerHarness(e, new Settings(Optional.of(rules), Optional.of(e.oss.endpoint()), Optional.empty(),
                false));
    }

    /** As {@link #start(LocalOss.Builder, Path, String...)}, with settings from FC environment variables. */
    public static HandlerHarness start(LocalOss.Builder emulator, Map<String, String> env, String... buckets)
            throws IOException {
        Emulator e = withBuckets(emulator, buckets);
        Map<String, String> withEndpoint = new HashMap<>(env);
        withEndpoint.put(Settings.OSS_ENDPOINT, e.oss.endpoint());
        return new HandlerHarness(e, Settings.fromEnvironment(withEndpoint));
    }

    private static Emulator withBuckets(LocalOss.Builder emulator, String... buckets) {
        Emulator e = Emulator.start(emulator);
        for (String bucket : buckets) {
            e.bucket(bucket);
        }
        return e;
    }

    /** Runs a write and returns the one event it caused. */
    public String eventOf(Runnable write) {
        int index = settled();
        write.run();
        List<String> caused = since(index);
        assertEquals(1, caused.size(), "the write should emit one event: " + caused);
        return caused.get(0);
    }

    /** Every event emitted after {@code index}, once delivery has settled. */
    public List<String> since(int index) {
        settled();
        synchronized (events) {
            return List.copyOf(events.subList(index, events.size()));
        }
    }

    /** The number of events so far, once delivery has settled. */
    public int settled() {
        assertTrue(emulator.oss.awaitEventsDelivered(Duration.ofSeconds(30)));
        return events.size();
    }

    /** Hands the event to the handler; returns the single result of its report. */
    public JsonObject invoke(String event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, context);
        JsonArray results = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject()
                .getAsJsonArray("results");
        assertEquals(1, results.size(), results.toString());
        return results.get(0).getAsJsonObject();
    }

    @Override
    public void close() {
        app.close();
        emulator.close();
    }
}
