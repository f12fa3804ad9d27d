package io.ossenforcer.enforce;

import java.util.Optional;

/** The door a sweep lists buckets through, one page at a time, so memory never grows with the bucket. */
public interface ObjectListing {

    /**
     * Up to {@code maxKeys} objects of {@code bucket} whose keys start with {@code prefix} and come after
     * {@code after} (exclusive), in OSS's order: UTF-8 byte order. Keys are exact, never URL-encoded.
     */
    ListingPage page(String bucket, String prefix, Optional<String> after, int maxKeys) throws ObjectStoreException;
}
