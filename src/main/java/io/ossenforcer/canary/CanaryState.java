package io.ossenforcer.canary;

import io.ossenforcer.enforce.ObjectState;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** One read of a canary: its HEAD, its tags and its object ACL, which a rewrite must all keep. */
public final class CanaryState {
    private final ObjectState object;
    private final Map<String, String> tags;
    private final String acl;

    public CanaryState(ObjectState object, Map<String, String> tags, String acl) {
        this.object = Objects.requireNonNull(object);
        this.tags = Collections.unmodifiableMap(new TreeMap<>(tags));
        this.acl = Objects.requireNonNull(acl);
    }

    public ObjectState object() {
        return object;
    }

    public Map<String, String> tags() {
        return tags;
    }

    /** As OSS names it: {@code private}, {@code public-read}, {@code default}... */
    public String acl() {
        return acl;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CanaryState)) {
            return false;
        }
        CanaryState that = (CanaryState) o;
        return object.equals(that.object) && tags.equals(that.tags) && acl.equals(that.acl);
    }

    @Override
    public int hashCode() {
        return Objects.hash(object, tags, acl);
    }

    @Override
    public String toString() {
        return "CanaryState{" + object + " tags=" + tags + " acl=" + acl + '}';
    }
}
