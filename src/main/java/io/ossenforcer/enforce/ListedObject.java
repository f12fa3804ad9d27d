package io.ossenforcer.enforce;

import java.util.Objects;

/** What a listing says about one object: enough to count it; its encryption needs a HEAD. */
public final class ListedObject {
    private final String key;
    private final long size;
    private final String storageClass;

    public ListedObject(String key, long size, String storageClass) {
        this.key = Objects.requireNonNull(key, "key");
        this.size = size;
        this.storageClass = Objects.requireNonNull(storageClass, "storageClass");
    }

    public String key() {
        return key;
    }

    public long size() {
        return size;
    }

    public String storageClass() {
        return storageClass;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ListedObject)) {
            return false;
        }
        ListedObject that = (ListedObject) o;
        return size == that.size && key.equals(that.key) && storageClass.equals(that.storageClass);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, size, storageClass);
    }

    @Override
    public String toString() {
        return "ListedObject{" + key + " size=" + size + " class=" + storageClass + '}';
    }
}
