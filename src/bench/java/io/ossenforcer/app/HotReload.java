package io.ossenforcer.app;

import io.ossenforcer.enforce.ObjectStore;
import io.ossenforcer.enforce.SmallObject;
import io.ossenforcer.oss.AccessKey;
import io.ossenforcer.rules.RuleSet;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The rules of {@code RULES_OSS_URI} as the function keeps them ({@link ReloadingRules}, in this package for that),
 * the rules object standing in for a file on disk that reads with a new ETag every time: each {@link #rules} call
 * after the first is a hot reload, parsed while the rules in force are still held. For {@code RulesAtScale}.
 */
public final class HotReload {
    private static final Optional<AccessKey> KEY = Optional.of(new AccessKey("LTAIbenchreload00001",
            "benchreloadsecret0000000001", Optional.empty()));

    private final ReloadingRules source;

    private HotReload(ReloadingRules source) {
        this.source = source;
    }

    /** Rules read from {@code file} every time: a TTL of zero, an ETag that changes with every read. */
    public static HotReload of(Path file) {
        int[] reads = {0};
        // Only readIfChanged is called; the bytes come as the SDK-backed store hands them over, in a SmallObject.
        ObjectStore store = (ObjectStore) Proxy.newProxyInstance(HotReload.class.getClassLoader(),
                new Class<?>[] {ObjectStore.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("readIfChanged")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return Optional.of(new SmallObject(Files.readAllBytes(file), "\"etag-" + ++reads[0] + "\""));
                });
        return new HotReload(new ReloadingRules(OssUri.parse("oss://bench-rules/rules.json"), Duration.ZERO,
                Clock.systemUTC(), key -> store));
    }

    public RuleSet rules() throws InvocationException {
        return source.rules(KEY);
    }
}
