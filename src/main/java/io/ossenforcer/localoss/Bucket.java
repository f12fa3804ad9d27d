package io.ossenforcer.localoss;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/** One bucket: objects in UTF-8 byte order (which is code point order) and open multipart uploads. */
final class Bucket {
    /** UTF-8 byte order equals code point order; String.compareTo (UTF-16 units) differs above U+FFFF. */
    static final Comparator<String> KEY_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    private final String name;
    private final Instant created;
    private final String storageClass;
    private final String acl;
    private final NavigableMap<String, StoredObject> objects = new TreeMap<>(KEY_ORDER);
    private final Map<String, Upload> uploads = new LinkedHashMap<>();

    Bucket(String name, Instant created, String storageClass, String acl) {
        this.name = name;
        this.created = created;
        this.storageClass = storageClass;
        this.acl = acl;
    }

    String name() {
        return name;
    }

    Instant created() {
        return created;
    }

    String storageClass() {
        return storageClass;
    }

    /** The bucket ACL: private, public-read or public-read-write. */
    String acl() {
        return acl;
    }

    NavigableMap<String, StoredObject> objects() {
        return objects;
    }

    Optional<StoredObject> object(String key) {
        return Optional.ofNullable(objects.get(key));
    }

    StoredObject existing(String key) {
        return object(key).orElseThrow(() -> OssError.noSuchKey(key));
    }

    Map<String, Upload> uploads() {
        return uploads;
    }

    /** The upload with this id for this key: an id used with another key does not exist either. */
    Upload upload(String uploadId, String key) {
        Upload upload = uploads.get(uploadId);
        if (upload == null || !upload.key().equals(key)) {
            throw OssError.noSuchUpload(uploadId);
        }
        return upload;
    }
}
