package io.ossenforcer.localoss;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.http.ExceptionLogger;
import org.apache.http.config.SocketConfig;
import org.apache.http.impl.bootstrap.HttpServer;
import org.apache.http.impl.bootstrap.ServerBootstrap;
import org.apache.http.protocol.HttpRequestHandler;

/**
 * An in-memory OSS emulator on {@code 127.0.0.1}, routing by Host header as OSS does (path-style {@code /bucket/key}
 * for its IP, virtual-hosted for {@code <bucket>.<host>}), for tests that drive a real OSS client over real HTTP. It authenticates V1 and V4 signatures (and the STS token) against its credentials, answers
 * with OSS's status codes, headers, XML bodies and error codes, and emits native OSS trigger events for created
 * objects, asynchronously, after the response.
 *
 * <p>It models every kind of object OSS holds: Normal, Multipart, Appendable, symlinks, archive classes (with
 * RestoreObject, completed by {@link #completeRestores()} or {@link Builder#restoreInstantly}), object versions and
 * delete markers in versioned buckets, objects under a retention policy ({@link #lockBucket}), and buckets with
 * default encryption.
 *
 * <p>Where OSS's behaviour is undocumented it takes the strict reading; each such choice is listed in
 * {@code docs/LOCAL-OSS.md}. The main ones: a copy never keeps an explicit object ACL or the storage class (only
 * request headers apply); an unknown CMK id is 404 {@code KeyNotFound}; a CopyObject source above
 * {@link Builder#copyLimitBytes} is 400 {@code EntityTooLarge} even onto itself; a HEAD error is bodiless but carries
 * the error document in {@code x-oss-err}, so clients see the real code ({@code NoSuchKey}); creating an existing
 * bucket is 409; anonymous requests are refused. Operations it does not implement answer 501 {@code NotImplemented}.
 *
 * <p>Thread-safe: one lock guards the store and makes conditional copies atomic.
 */
public final class LocalOss implements AutoCloseable {
    private final Settings settings;
    private final Backend backend;
    private final EventDispatcher events;
    private final HttpServer server;
    private final FaultInjection faults;
    private final CallHooks hooks;
    private final OpenConnections openConnections;

    private LocalOss(Settings settings, EventDispatcher events, Backend backend, HttpServer server,
            FaultInjection faults, CallHooks hooks, OpenConnections openConnections) {
        this.settings = settings;
        this.events = events;
        this.backend = backend;
        this.server = server;
        this.faults = faults;
        this.hooks = hooks;
        this.openConnections = openConnections;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://127.0.0.1:<port>}: give it to the client as its endpoint. */
    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getLocalPort();
    }

    public String region() {
        return settings.region();
    }

    public String accessKeyId() {
        return settings.accessKeyId();
    }

    public String accessKeySecret() {
        return settings.accessKeySecret();
    }

    /** When present, every request must carry it in {@code x-oss-security-token} (or {@code security-token}). */
    public Optional<String> securityToken() {
        return settings.securityToken();
    }

    /** The key id HEAD reports for SSE-KMS objects written without an explicit key id. Fixed per instance. */
    public String managedKmsKeyId() {
        return settings.managedKmsKeyId();
    }

    /** The numeric account id reported as bucket/object owner, in event ARNs and as principal. */
    public String accountId() {
        return settings.accountId();
    }

    /** Listeners receive each event on the dispatcher thread; one that throws is logged and skipped. */
    public void addEventListener(OssEventListener listener) {
        events.addListener(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Blocks until no event is waiting to be delivered, counting those emitted by listeners while they run (the
     * enforcer's own copies); false on timeout or interruption.
     */
    public boolean awaitEventsDelivered(Duration timeout) {
        try {
            return events.awaitDelivered(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Multipart uploads initiated in {@code bucket} and neither completed nor aborted. */
    public int openMultipartUploads(String bucket) {
        synchronized (backend.store()) {
            return backend.store().bucket(bucket).uploads().size();
        }
    }

    /**
     * Replaces the faults in force (see {@link Faults}); {@link Faults#none()} clears them. The call counts of the new
     * rules start at zero.
     */
    public void faults(Faults faults) {
        this.faults.set(Objects.requireNonNull(faults, "faults"));
    }

    public Faults faults() {
        return faults.faults();
    }

    /**
     * Test hook: runs {@code action} on the {@code nth} call of {@code operation} (as OSS names it, e.g.
     * {@code CopyObject}) counted from this registration, just before the operation runs, on the thread serving the
     * call and outside the store lock. A second writer put here acts at exactly that step of a client's work. What
     * the action throws reaches the client as a 500 InternalError: catch what the test must see.
     */
    public void beforeCall(String operation, int nth, Runnable action) {
        hooks.add(operation, nth, CallHooks.When.BEFORE, action);
    }

    /** As {@link #beforeCall}, but after the operation ran (its effects are in the store) and before it answers. */
    public void afterCall(String operation, int nth, Runnable action) {
        hooks.add(operation, nth, CallHooks.When.AFTER, action);
    }

    /** Faults injected since the emulator started, whatever rules were in force. */
    public long faultsInjected() {
        return faults.injected();
    }

    /** Client connections accepted and not yet closed. */
    public int openConnections() {
        return openConnections.count();
    }

    /** Blocks until every client connection is closed; false on timeout or interruption. */
    public boolean awaitConnectionsClosed(Duration timeout) {
        try {
            return openConnections.awaitNone(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Creates a bucket (Standard, private) without going through HTTP. */
    public void createBucket(String bucket) {
        synchronized (backend.store()) {
            if (!backend.store().hasBucket(Names.checkBucket(bucket))) {
                backend.store().addBucket(new Bucket(bucket, backend.now(), StorageClass.STANDARD, "private"));
            }
        }
    }

    /**
     * Puts an object of {@code sizeBytes} deterministic pseudo-random bytes (a function of {@code seed}) without
     * sending or holding them: a Normal, Standard (or the bucket's class), {@code application/octet-stream} object,
     * encrypted only by the bucket's default encryption. Its MD5 (the ETag) and CRC64 are computed here, by
     * streaming. No event is emitted: OSS would not see an upload.
     */
    public void putGeneratedObject(String bucket, String key, long sizeBytes, long seed) {
        putGeneratedObject(bucket, key, sizeBytes, seed, Collections.emptyMap());
    }

    /**
     * {@link #putGeneratedObject(String, String, long, long)} with the headers a PutObject would carry:
     * Content-Type and the other content headers, {@code x-oss-meta-*}, {@code x-oss-storage-class} (e.g. an archive
     * class), the {@code x-oss-server-side-encryption*} headers, {@code x-oss-object-acl} and {@code x-oss-tagging}.
     * They are validated as on PutObject; an invalid one is an IllegalArgumentException naming the OSS error.
     */
    public void putGeneratedObject(String bucket, String key, long sizeBytes, long seed, Map<String, String> headers) {
        Blob blob = new GeneratedBlob(sizeBytes, seed);
        String etag = Backend.upperHex(blob.md5());
        // Header values are held as the bytes a client sends, one char per byte: a Java string goes as its UTF-8.
        Map<String, String> wire = new LinkedHashMap<>();
        headers.forEach((name, value) -> wire.put(name, new String(value.getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1)));
        OssRequest request = new OssRequest("PUT", Optional.of(bucket), Optional.of(key), Collections.emptyMap(),
                wire, new byte[0], Backend.randomHex(12), "127.0.0.1");
        synchronized (backend.store()) {
            try {
                Bucket target = backend.store().bucket(Names.checkBucket(bucket));
                StoredObject object = new StoredObject(Names.checkKey(key), target.nextVersionId(), blob, etag,
                        StoredObject.NORMAL, backend.now(),
                        ObjectProperties.fromRequest(request, settings, target));
                target.write(object);
            } catch (OssError e) {
                throw new IllegalArgumentException(e.code() + ": " + e.getMessage() + " " + e.details());
            }
        }
    }

    /** Completes every RestoreObject still in progress, as the hours OSS takes would (see restoreInstantly). */
    public void completeRestores() {
        new RestoreOperations(backend).completeAll();
    }

    /**
     * Gives {@code bucket} a locked retention policy of {@code retention} (which, unlike the API's whole days, may be
     * short enough for a test to outlive): every object, existing or new, is immutable until its Last-Modified plus
     * {@code retention}.
     */
    public void lockBucket(String bucket, Duration retention) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive: " + retention);
        }
        synchronized (backend.store()) {
            Bucket target = backend.store().bucket(Names.checkBucket(bucket));
            if (target.isVersioned()) {
                throw new IllegalArgumentException("bucket " + bucket + " is versioned: OSS refuses a retention policy");
            }
            target.setRetention(new Retention(Backend.randomHex(16), retention, true, backend.now()));
        }
    }

    /** Stops the server (closing open connections) and the event dispatcher. */
    @Override
    public void close() {
        server.shutdown(1, TimeUnit.SECONDS);
        events.close();
    }

    /** Configures and starts a {@link LocalOss}. */
    public static final class Builder {
        private static final SecureRandom RANDOM = new SecureRandom();
        /**
         * Connections the kernel queues before the acceptor takes them. The JDK's default of 50 made a burst of 280
         * simultaneous uploads (an FC-style fan-out) fail with resets; Linux caps it at net.core.somaxconn.
         */
        private static final int LISTEN_BACKLOG = 1024;

        private int port;
        private String region = "cn-hangzhou";
        private Optional<String> accessKeyId = Optional.empty();
        private Optional<String> accessKeySecret = Optional.empty();
        private Optional<String> securityToken = Optional.empty();
        private Optional<Instant> securityTokenExpiry = Optional.empty();
        private final Set<String> kmsKeys = new LinkedHashSet<>();
        private long copyLimitBytes = 1L << 30;
        private Clock clock = Clock.systemUTC();
        private boolean restoreInstantly;
        private Duration latency = Duration.ZERO;
        private Faults faults = Faults.none();

        private Builder() {
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port: " + port);
            }
            this.port = port;
            return this;
        }

        /** Used by V4 signature checks and in events. Default {@code cn-hangzhou}. */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /** The only credentials accepted. Default: a random pair, read back from the started instance. */
        public Builder credentials(String accessKeyId, String accessKeySecret) {
            this.accessKeyId = Optional.of(accessKeyId);
            this.accessKeySecret = Optional.of(accessKeySecret);
            return this;
        }

        /** Makes the credentials STS-like: every request must carry exactly this token. */
        public Builder securityToken(String token) {
            this.securityToken = Optional.of(token);
            this.securityTokenExpiry = Optional.empty();
            return this;
        }

        /**
         * An STS token that expires: after {@code expiresAt} (by the emulator's clock) a request carrying it is 403
         * {@code SecurityTokenExpired}, as OSS answers for expired STS credentials.
         */
        public Builder securityToken(String token, Instant expiresAt) {
            this.securityToken = Optional.of(token);
            this.securityTokenExpiry = Optional.of(Objects.requireNonNull(expiresAt, "expiresAt"));
            return this;
        }

        /** A customer CMK id that exists in this emulator's KMS; may be called repeatedly. */
        public Builder kmsKey(String cmkId) {
            kmsKeys.add(Objects.requireNonNull(cmkId, "cmkId"));
            return this;
        }

        /** CopyObject sources larger than this are refused as OSS refuses them above 1 GiB (the default). */
        public Builder copyLimitBytes(long limit) {
            if (limit < 0) {
                throw new IllegalArgumentException("copyLimitBytes: " + limit);
            }
            this.copyLimitBytes = limit;
            return this;
        }

        /** The clock for Date checks, Last-Modified and events. Default: the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * When true, RestoreObject completes at once (still 202 the first time); by default a restore stays in
         * progress, as for the hours OSS takes, until {@link LocalOss#completeRestores()}.
         */
        public Builder restoreInstantly(boolean instantly) {
            this.restoreInstantly = instantly;
            return this;
        }

        /**
         * A fixed delay before every request is handled, as a network and a remote service add: what makes
         * throughput measurements against the emulator say something about concurrency. Default none.
         */
        public Builder latency(Duration latency) {
            if (latency.isNegative()) {
                throw new IllegalArgumentException("latency: " + latency);
            }
            this.latency = latency;
            return this;
        }

        /** Faults in force from the start (default none); replaceable later with {@link LocalOss#faults(Faults)}. */
        public Builder faults(Faults faults) {
            this.faults = Objects.requireNonNull(faults, "faults");
            return this;
        }

        public LocalOss start() throws IOException {
            Settings settings = new Settings(region,
                    accessKeyId.orElseGet(() -> "LTAI" + Backend.randomHex(8)),
                    accessKeySecret.orElseGet(() -> Backend.randomHex(15)),
                    securityToken, securityTokenExpiry, kmsKeys, UUID.randomUUID().toString(), copyLimitBytes,
                    String.valueOf(1_000_000_000_000_000L + (RANDOM.nextLong() >>> 1) % 9_000_000_000_000_000L),
                    restoreInstantly);
            EventDispatcher events = new EventDispatcher();
            Backend backend = new Backend(settings, events, clock);
            FaultInjection injection = new FaultInjection(faults);
            CallHooks hooks = new CallHooks();
            OpenConnections openConnections = new OpenConnections();
            HttpServer server = ServerBootstrap.bootstrap()
                    .setLocalAddress(InetAddress.getByName("127.0.0.1"))
                    .setListenerPort(port)
                    .setServerInfo("AliyunOSS")
                    .setSocketConfig(SocketConfig.custom().setTcpNoDelay(true).setSoReuseAddress(true)
                            .setBacklogSize(LISTEN_BACKLOG).build())
                    .setExceptionLogger(ExceptionLogger.NO_OP)
                    .setConnectionFactory(ServerConnection.factory(openConnections))
                    .registerHandler("*", delayed(
                            new Router(backend, new Signatures(settings, clock), injection, hooks), latency))
                    .create();
            try {
                server.start();
            } catch (IOException e) {
                events.close();
                throw e;
            }
            return new LocalOss(settings, events, backend, server, injection, hooks, openConnections);
        }

        private static HttpRequestHandler delayed(HttpRequestHandler handler, Duration latency) {
            if (latency.isZero()) {
                return handler;
            }
            return (request, response, context) -> {
                try {
                    Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                handler.handle(request, response, context);
            };
        }
    }
}
