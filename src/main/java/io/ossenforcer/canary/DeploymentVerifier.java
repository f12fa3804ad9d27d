package io.ossenforcer.canary;

import io.ossenforcer.enforce.ObjectState;
import io.ossenforcer.enforce.ObjectStoreException;
import io.ossenforcer.rules.Encryption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs a plan against the deployed function: uploads the canaries, watches them with backoff until each enforced
 * one has been rewritten or the time is up, judges them, and deletes them (every version) unless told to keep them.
 * Only keys of the plan are ever written, read or deleted, and a key that already exists is left alone.
 */
public final class DeploymentVerifier {
    /** The error code of a canary not uploaded because its key existed: never an OSS code. */
    static final String KEY_EXISTS = "KeyExists";
    /** Failures every further upload would meet too: after one, the others are not tried. */
    static final Set<String> CREDENTIALS_REJECTED = Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch",
            "SecurityTokenExpired", "InvalidSecurityToken");
    /**
     * Refusals that no metadata value explains. A signature mismatch may: a header value the endpoint reads other
     * than the SDK signed it (see {@link CanaryContent}).
     */
    private static final Set<String> NOT_ABOUT_METADATA = Set.of("AccessDenied", "NoSuchBucket",
            "InvalidAccessKeyId", "SecurityTokenExpired", "InvalidSecurityToken", "FileAlreadyExists");
    static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    /** The longest pause between reads: no window is measured coarser than this. */
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(2);

    private final CanaryStore store;
    private final Ticker ticker;
    private final Duration timeout;
    private final Consumer<String> progress;

    public DeploymentVerifier(CanaryStore store, Ticker ticker, Duration timeout, Consumer<String> progress) {
        this.store = Objects.requireNonNull(store);
        this.ticker = Objects.requireNonNull(ticker);
        this.timeout = Objects.requireNonNull(timeout);
        this.progress = Objects.requireNonNull(progress);
    }

    public VerificationRun run(CanaryPlan plan, CanaryContent content, boolean keep) throws InterruptedException {
        List<String> notes = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> leftovers = new ArrayList<>();
        List<Watched> watched = upload(plan, content, notes);
        try {
            watch(watched);
        } finally {
            // Interrupted or not, what was uploaded goes (unless kept): a canary is never left behind silently.
            if (keep) {
                watched.stream().filter(Watched::uploaded).forEach(w -> leftovers.add("oss://" + w.canary.bucket()
                        + "/" + w.canary.key() + " (--keep)"));
            } else {
                cleanUp(watched, removed, leftovers);
            }
        }
        List<CanaryResult> checked = watched.stream().map(w -> CanaryCheck.check(w.observation()))
                .collect(Collectors.toList());
        return new VerificationRun(plan, Diagnosis.explain(checked, timeout), notes, removed, leftovers);
    }

    /** Audit canaries first: by the time the enforced ones are rewritten, the function has had its chance at them. */
    private List<Watched> upload(CanaryPlan plan, CanaryContent content, List<String> notes) {
        List<Canary> ordered = new ArrayList<>(plan.canaries());
        ordered.sort(Comparator.comparing(Canary::mustBeEnforced));
        List<Watched> watched = new ArrayList<>();
        CanaryContent sending = content;
        Optional<Observation.Failure> rejected = Optional.empty();
        Map<String, Optional<Optional<Encryption>>> defaults = new HashMap<>();
        for (Canary canary : ordered) {
            Watched w = new Watched(canary, sending);
            watched.add(w);
            if (rejected.isPresent()) {
                w.notUploaded(new Observation.Failure("upload", rejected.get().errorCode(), "not tried: "
                        + rejected.get().message()));
                continue;
            }
            try {
                if (store.head(canary.bucket(), canary.key()).isPresent()) {
                    w.notUploaded(new Observation.Failure("upload", Optional.of(KEY_EXISTS), "oss://"
                            + canary.bucket() + "/" + canary.key() + " exists already: not overwritten"));
                    continue;
                }
                w.crc64 = uploadOrRetryInAscii(w, notes);
                sending = w.content;
                w.ackNanos = ticker.nanoTime();
                progress.accept("uploaded " + canary + ", " + canary.kind().uploadedWith().describe());
                read(w);
                w.first = w.last;
                if (w.first.map(f -> encryptedByDefault(canary, f.object().encryption(), defaults, notes))
                        .orElse(false)) {
                    w.arrivedEncrypted();
                }
            } catch (ObjectStoreException e) {
                w.notUploaded(failure("upload", e));
                // An answer lost on the way may hide an upload that happened: cleanup looks for it all the same.
                w.mayBeStored = e.kind() == ObjectStoreException.Kind.TRANSIENT;
                if (e.errorCode().filter(CREDENTIALS_REJECTED::contains).isPresent()) {
                    rejected = w.failure;
                }
            }
        }
        return watched;
    }

    /**
     * Whether a canary's first read shows what the bucket's default encryption gives an upload without SSE headers,
     * so that OSS, not the function, encrypted it. The default is read once per bucket, and only when needed; if it
     * cannot be read, such a canary is not counted as the function's work.
     */
    private boolean encryptedByDefault(Canary canary, Encryption seen,
            Map<String, Optional<Optional<Encryption>>> defaults, List<String> notes) {
        if (canary.kind() != Canary.Kind.PLAINTEXT || !seen.isEncrypted()) {
            return false;
        }
        String bucket = canary.bucket();
        if (!defaults.containsKey(bucket)) {
            try {
                defaults.put(bucket, Optional.of(store.defaultEncryption(bucket)));
            } catch (ObjectStoreException e) {
                defaults.put(bucket, Optional.empty());
                notes.add("the default encryption of bucket " + bucket + " could not be read ("
                        + e.errorCode().orElse("no error code") + "): its canaries found encrypted at their first"
                        + " read count as encrypted on arrival, not as the function's work");
            }
        }
        return defaults.get(bucket).map(known -> known.filter(d -> gives(d, seen)).isPresent()).orElse(true);
    }

    /** What an object uploaded without SSE headers gets from a bucket default: its algorithm, key and data cipher. */
    static boolean gives(Encryption bucketDefault, Encryption seen) {
        return sameIgnoringCase(bucketDefault.algorithm(), seen.algorithm())
                && (bucketDefault.kmsKeyId().isEmpty() || bucketDefault.kmsKeyId().equals(seen.kmsKeyId()))
                && (bucketDefault.dataEncryption().isEmpty()
                        || sameIgnoringCase(bucketDefault.dataEncryption(), seen.dataEncryption()));
    }

    private static boolean sameIgnoringCase(Optional<String> a, Optional<String> b) {
        return a.map(x -> b.filter(x::equalsIgnoreCase).isPresent()).orElse(b.isEmpty());
    }

    /**
     * Uploads the canary; if OSS refuses the first one carrying non-ASCII metadata, tries once more without that
     * value and, if that works, sends every further canary without it and says so.
     */
    private Optional<String> uploadOrRetryInAscii(Watched w, List<String> notes) throws ObjectStoreException {
        Canary c = w.canary;
        try {
            return store.upload(c.bucket(), c.key(), c.kind().uploadedWith(), w.content);
        } catch (ObjectStoreException e) {
            boolean mayBeTheMetadata = w.content.hasNonAsciiMetadata()
                    && e.kind() == ObjectStoreException.Kind.PERMANENT
                    && e.errorCode().filter(NOT_ABOUT_METADATA::contains).isEmpty();
            if (!mayBeTheMetadata) {
                throw e;
            }
            CanaryContent ascii = w.content.asciiOnly();
            Optional<String> crc = store.upload(c.bucket(), c.key(), c.kind().uploadedWith(), ascii);
            w.content = ascii;
            notes.add("OSS refused user metadata with a non-ASCII value (" + e.errorCode().orElse("no error code")
                    + e.requestId().map(id -> ", request id " + id).orElse("") + "); the canaries carry ASCII"
                    + " metadata only, so whether the function keeps non-ASCII metadata is not shown");
            return crc;
        }
    }

    /**
     * HEADs every enforced canary not yet rewritten, pausing 100 ms, then twice as long each round up to 2 s, until
     * none is left or {@code timeout} has passed since the last upload. Without enforced canaries the audit ones are
     * watched for the whole timeout, or until one changes. Then every canary is read a last time, tags and ACL too.
     */
    private void watch(List<Watched> watched) throws InterruptedException {
        List<Watched> uploaded = watched.stream().filter(Watched::uploaded).collect(Collectors.toList());
        if (uploaded.isEmpty()) {
            return;
        }
        long deadline = uploaded.stream().mapToLong(w -> w.ackNanos).max().getAsLong() + timeout.toNanos();
        boolean anyEnforced = uploaded.stream().anyMatch(w -> w.canary.mustBeEnforced());
        progress.accept("waiting up to " + timeout.toSeconds() + " s for the function to act on "
                + uploaded.size() + " canaries");
        Duration pause = FIRST_PAUSE;
        while (true) {
            List<Watched> pending = uploaded.stream()
                    .filter(w -> anyEnforced ? w.canary.mustBeEnforced() && !w.settled() : !w.changed())
                    .collect(Collectors.toList());
            boolean done = anyEnforced ? pending.isEmpty() : pending.size() < uploaded.size();
            long left = deadline - ticker.nanoTime();
            if (done || left <= 0) {
                break;
            }
            ticker.sleep(Duration.ofNanos(Math.min(pause.toNanos(), left)));
            for (Watched w : pending) {
                poll(w);
            }
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
        for (Watched w : uploaded) {
            read(w);
        }
    }

    /** HEAD only: enough to see the encryption change, one request per canary and round. */
    private void poll(Watched w) {
        try {
            w.saw(store.head(w.canary.bucket(), w.canary.key()), ticker.nanoTime());
        } catch (ObjectStoreException e) {
            w.failure = Optional.of(failure("read", e));
        }
    }

    private void read(Watched w) {
        try {
            w.last = store.read(w.canary.bucket(), w.canary.key());
            w.saw(w.last.map(CanaryState::object), ticker.nanoTime());
        } catch (ObjectStoreException e) {
            // What the canary ended as is unknown: judged unreadable rather than on an older read.
            w.last = Optional.empty();
            w.failure = Optional.of(failure("read", e));
        }
    }

    private void cleanUp(List<Watched> watched, List<String> removed, List<String> leftovers) {
        Map<String, Boolean> keepsVersions = new HashMap<>();
        for (Watched w : watched) {
            if (!w.uploaded() && !w.mayBeStored) {
                continue;
            }
            String bucket = w.canary.bucket();
            String key = w.canary.key();
            String where = "oss://" + bucket + "/" + key;
            try {
                Boolean versions = keepsVersions.get(bucket);
                if (versions == null) {
                    versions = store.keepsVersions(bucket);
                    keepsVersions.put(bucket, versions);
                }
                int deleted = versions ? deleteEveryVersion(bucket, key) : deleteObject(bucket, key);
                removed.add(where + (versions ? " (" + deleted + " versions)" : "") + (w.uploaded() ? ""
                        : " (its upload went unanswered: deleted in case it was stored)"));
            } catch (ObjectStoreException e) {
                leftovers.add(where + ": " + e.getMessage());
            }
        }
    }

    private int deleteEveryVersion(String bucket, String key) throws ObjectStoreException {
        List<String> versions = store.versionIds(bucket, key);
        for (String version : versions) {
            store.delete(bucket, key, Optional.of(version));
        }
        List<String> left = store.versionIds(bucket, key);
        if (!left.isEmpty()) {
            throw new ObjectStoreException(ObjectStoreException.Kind.PERMANENT, bucket, key, Optional.empty(),
                    Optional.empty(), "versions " + left + " remain after deleting every version listed", null);
        }
        return versions.size();
    }

    private int deleteObject(String bucket, String key) throws ObjectStoreException {
        store.delete(bucket, key, Optional.empty());
        if (store.read(bucket, key).isPresent()) {
            throw new ObjectStoreException(ObjectStoreException.Kind.PERMANENT, bucket, key, Optional.empty(),
                    Optional.empty(), "still there after DeleteObject", null);
        }
        return 1;
    }

    private static Observation.Failure failure(String step, ObjectStoreException e) {
        return new Observation.Failure(step, e.errorCode(), e.getMessage());
    }

    /** One canary while it is watched. */
    private final class Watched {
        final Canary canary;
        CanaryContent content;
        Optional<String> crc64 = Optional.empty();
        long ackNanos;
        Optional<CanaryState> first = Optional.empty();
        Optional<CanaryState> last = Optional.empty();
        /** The last HEAD or read: what {@link #changed()} looks at. */
        Optional<ObjectState> seen = Optional.empty();
        Optional<Long> changedNanos = Optional.empty();
        long unchangedNanos;
        Optional<Observation.Failure> failure = Optional.empty();
        boolean uploaded = true;
        boolean mayBeStored;
        boolean encryptedOnArrival;

        Watched(Canary canary, CanaryContent content) {
            this.canary = canary;
            this.content = content;
        }

        void notUploaded(Observation.Failure why) {
            uploaded = false;
            failure = Optional.of(why);
        }

        boolean uploaded() {
            return uploaded;
        }

        /** Gone, or no longer encrypted as uploaded: the function (or something) acted. Unknown until read. */
        boolean changed() {
            if (seen.isEmpty() && failure.isPresent()) {
                return false;
            }
            return seen.map(s -> !s.encryption().equals(arrived())).orElse(true);
        }

        /**
         * Nothing more to wait for: rewritten (or gone), or encrypted on arrival as its rule demands, which the
         * function will find compliant and leave.
         */
        boolean settled() {
            return changed() || seen.map(s -> canary.rule().encryption().satisfiedBy(s.encryption())).orElse(false);
        }

        /** The encryption it had as uploaded: what it was sent with, or what the bucket's default gave it. */
        Encryption arrived() {
            return encryptedOnArrival ? first.orElseThrow().object().encryption() : canary.kind().uploadedWith();
        }

        /** The first read showed the bucket's default encryption: that read saw it as it arrived, not changed. */
        void arrivedEncrypted() {
            encryptedOnArrival = true;
            changedNanos.ifPresent(t -> unchangedNanos = t);
            changedNanos = Optional.empty();
        }

        /** A successful HEAD or read at {@code nanos}: the window's bounds move with it. */
        void saw(Optional<ObjectState> state, long nanos) {
            seen = state;
            failure = Optional.empty();
            if (changed()) {
                changedNanos = changedNanos.or(() -> Optional.of(nanos));
            } else {
                unchangedNanos = nanos;
            }
        }

        Observation observation() {
            if (!uploaded) {
                return Observation.notUploaded(canary, content, failure.orElseThrow());
            }
            return new Observation(canary, content, crc64, first, last,
                    changedNanos.map(t -> Duration.ofNanos(t - ackNanos)),
                    Duration.ofNanos(Math.max(0, unchangedNanos - ackNanos)), failure, encryptedOnArrival);
        }
    }
}
