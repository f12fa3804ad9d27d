package io.ossenforcer.localoss;

import java.util.List;
import java.util.Optional;

/**
 * RestoreObject ({@code POST ?restore}, optional {@code RestoreRequest{Days}}) for Archive, ColdArchive and
 * DeepColdArchive objects: 202 when a restore starts, 409 RestoreAlreadyInProgress while it runs, 200 (the expiry
 * extended) once done. A restore stays ongoing until {@link LocalOss#completeRestores()}, or completes at once with
 * {@code restoreInstantly}.
 */
final class RestoreOperations {
    private static final int MAX_DAYS = 365;

    private final Backend backend;
    private final Store store;

    RestoreOperations(Backend backend) {
        this.backend = backend;
        this.store = backend.store();
    }

    OssResponse restore(OssRequest request, String bucketName, String key) {
        int days = days(request.body());
        synchronized (store) {
            Bucket bucket = store.bucket(bucketName);
            StoredObject object = bucket.existing(key, request.param("versionId"));
            if (!StorageClass.needsRestore(object.properties().storageClass())) {
                throw OssError.operationNotSupported("Only Archive, ColdArchive and DeepColdArchive objects can be"
                        + " restored.", key);
            }
            Optional<RestoreState> state = object.restore();
            if (state.map(RestoreState::isOngoing).orElse(false)) {
                throw new OssError(409, "RestoreAlreadyInProgress", "The restore operation is in progress.")
                        .with("Key", key);
            }
            boolean restored = state.map(s -> s.isReadable(backend.now())).orElse(false);
            RestoreState started = RestoreState.ongoing(days);
            RestoreState next = restored || backend.settings().restoreInstantly()
                    ? started.completed(backend.now()) : started;
            bucket.update(object, object.with(next));
            OssResponse.Builder response = OssResponse.status(restored ? 200 : 202);
            Backend.versionHeader(bucket, object, response);
            return response.build();
        }
    }

    /** Days from the optional body; 1 when absent. */
    private static int days(byte[] body) {
        if (body.length == 0) {
            return 1;
        }
        Optional<String> text = XmlReader.parse(body, "RestoreRequest").child("Days").map(d -> d.text().trim());
        if (!text.isPresent()) {
            return 1;
        }
        try {
            int days = Integer.parseInt(text.get());
            if (days >= 1 && days <= MAX_DAYS) {
                return days;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw OssError.invalidArgument("Days must be an integer from 1 to " + MAX_DAYS + ".", "Days", text.get());
    }

    /** Finishes every ongoing restore now, as hours passing on OSS would. */
    void completeAll() {
        synchronized (store) {
            for (Bucket bucket : store.buckets()) {
                for (List<StoredObject> versions : bucket.versions().values()) {
                    for (StoredObject version : List.copyOf(versions)) {
                        if (version.restore().map(RestoreState::isOngoing).orElse(false)) {
                            bucket.update(version, version.with(version.restore().get().completed(backend.now())));
                        }
                    }
                }
            }
        }
    }
}
