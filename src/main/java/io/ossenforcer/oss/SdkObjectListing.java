package io.ossenforcer.oss;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.ListObjectsRequest;
import com.aliyun.oss.model.OSSObjectSummary;
import com.aliyun.oss.model.ObjectListing;
import io.ossenforcer.enforce.ListedObject;
import io.ossenforcer.enforce.ListingPage;
import io.ossenforcer.enforce.ObjectStoreException;
import io.ossenforcer.enforce.PercentDecoding;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link io.ossenforcer.enforce.ObjectListing} over ListObjects (v1, marker paging). It asks for
 * {@code encoding-type=url}, because XML 1.0 cannot carry every character a key may hold, and decodes the keys
 * itself: the SDK hands them over still encoded.
 */
public final class SdkObjectListing implements io.ossenforcer.enforce.ObjectListing {
    /** OSS's own ceiling for {@code max-keys}. */
    public static final int MAX_KEYS = 1000;

    private final OSS client;

    public SdkObjectListing(OSS client) {
        this.client = Objects.requireNonNull(client);
    }

    @Override
    public ListingPage page(String bucket, String prefix, Optional<String> after, int maxKeys)
            throws ObjectStoreException {
        if (maxKeys < 1 || maxKeys > MAX_KEYS) {
            throw new IllegalArgumentException("maxKeys " + maxKeys + " is not in 1.." + MAX_KEYS);
        }
        ListObjectsRequest request = new ListObjectsRequest(bucket);
        request.setPrefix(prefix.isEmpty() ? null : prefix);
        request.setMarker(after.orElse(null));
        request.setMaxKeys(maxKeys);
        request.setEncodingType("url");
        ObjectListing listing;
        try {
            listing = client.listObjects(request);
        } catch (RuntimeException e) {
            throw OssErrors.classify("ListObjects", bucket, prefix, e);
        }
        List<ListedObject> objects = new ArrayList<>(listing.getObjectSummaries().size());
        for (OSSObjectSummary summary : listing.getObjectSummaries()) {
            String key = PercentDecoding.decode(summary.getKey()).orElseThrow(() -> new ObjectStoreException(
                    ObjectStoreException.Kind.PERMANENT, bucket, summary.getKey(), Optional.empty(),
                    Optional.empty(), "ListObjects answered a key that is not valid URL encoding", null));
            objects.add(new ListedObject(key, summary.getSize(),
                    Optional.ofNullable(summary.getStorageClass()).orElse("Standard")));
        }
        return new ListingPage(objects, listing.isTruncated());
    }
}
