package io.ossenforcer.localoss;

import java.util.Arrays;
import java.util.List;

/** The storage classes OSS accepts on write, spelled as on the wire. */
final class StorageClass {
    static final String HEADER = "x-oss-storage-class";
    static final String STANDARD = "Standard";
    private static final List<String> ALL = Arrays.asList(STANDARD, "IA", "Archive", "ColdArchive", "DeepColdArchive");
    private static final List<String> NEEDS_RESTORE = Arrays.asList("Archive", "ColdArchive", "DeepColdArchive");

    private StorageClass() {
    }

    static String parse(String value) {
        if (!ALL.contains(value)) {
            throw OssError.invalidArgument("Invalid storage class: " + value + ", expected one of " + ALL, HEADER,
                    value);
        }
        return value;
    }

    /** The request's {@code x-oss-storage-class}, or the bucket's: never the copy source's. */
    static String fromRequest(OssRequest request, String bucketDefault) {
        return request.header(HEADER).map(StorageClass::parse).orElse(bucketDefault);
    }

    /** Archive classes cannot be read (GET, copy) until a RestoreObject has completed. */
    static boolean needsRestore(String storageClass) {
        return NEEDS_RESTORE.contains(storageClass);
    }
}
