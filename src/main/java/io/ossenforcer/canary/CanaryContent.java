package io.ossenforcer.canary;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What every canary of a run carries besides its encryption: a few bytes, the content headers a copy onto itself
 * drops unless sent again, user metadata (one value non-ASCII), tags and an explicit object ACL. Explicit
 * {@code private}, not the bucket's {@code default}: an ACL reset by a copy shows, and nothing is made public.
 */
public final class CanaryContent {
    /** Non-ASCII, and carried byte for byte by the Java SDK: see {@link #NON_ASCII_KEY}. */
    static final String NON_ASCII_VALUE = "café 中";
    /**
     * The metadata entry with a non-ASCII value. aliyun-sdk-oss 3.x sends header values as their UTF-8 bytes, but
     * httpcore 4.4.13+ writes each byte 0x80-0x9F of a header as '?': a value such as 文件 (E6 96 87 ...) arrives
     * mangled and its signature fails. "café 中" is C3 A9 and E4 B8 AD, bytes httpcore passes.
     */
    static final String NON_ASCII_KEY = "note";
    static final String ACL = "private";

    private final byte[] bytes;
    private final Map<String, String> contentHeaders;
    private final Map<String, String> userMetadata;
    private final Map<String, String> tags;
    private final String acl;

    private CanaryContent(byte[] bytes, Map<String, String> contentHeaders, Map<String, String> userMetadata,
            Map<String, String> tags, String acl) {
        this.bytes = bytes.clone();
        this.contentHeaders = Collections.unmodifiableMap(new TreeMap<>(contentHeaders));
        this.userMetadata = Collections.unmodifiableMap(new TreeMap<>(userMetadata));
        this.tags = Collections.unmodifiableMap(new TreeMap<>(tags));
        this.acl = Objects.requireNonNull(acl);
    }

    /** The canaries of run {@code runId}: their metadata and tags name the run, so a stray one is recognisable. */
    public static CanaryContent forRun(String runId) {
        byte[] bytes = ("oss-sse-enforcer canary of run " + runId + ": uploaded by verify-deployment, which deletes"
                + " it when done.\n").getBytes(StandardCharsets.UTF_8);
        return new CanaryContent(bytes,
                Map.of("Content-Type", "text/plain; charset=utf-8", "Content-Disposition",
                        "attachment; filename=\"canary.txt\"", "Cache-Control", "no-store"),
                Map.of("purpose", "oss-sse-enforcer-canary", "run", runId, NON_ASCII_KEY, NON_ASCII_VALUE),
                Map.of("purpose", "oss-sse-enforcer-canary", "run", runId), ACL);
    }

    /** The same canary without the non-ASCII metadata value, for an endpoint that refuses it. */
    public CanaryContent asciiOnly() {
        Map<String, String> ascii = new TreeMap<>(userMetadata);
        ascii.remove(NON_ASCII_KEY);
        return new CanaryContent(bytes, contentHeaders, ascii, tags, acl);
    }

    public boolean hasNonAsciiMetadata() {
        return userMetadata.containsKey(NON_ASCII_KEY);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** Content-Type, Content-Disposition, Cache-Control, named as {@code ObjectState.contentHeaders()} names them. */
    public Map<String, String> contentHeaders() {
        return contentHeaders;
    }

    /** Names lowercase, as OSS stores them. */
    public Map<String, String> userMetadata() {
        return userMetadata;
    }

    public Map<String, String> tags() {
        return tags;
    }

    /** The object ACL as OSS names it ({@code private}). */
    public String acl() {
        return acl;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CanaryContent)) {
            return false;
        }
        CanaryContent that = (CanaryContent) o;
        return Arrays.equals(bytes, that.bytes) && contentHeaders.equals(that.contentHeaders)
                && userMetadata.equals(that.userMetadata) && tags.equals(that.tags) && acl.equals(that.acl);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(bytes), contentHeaders, userMetadata, tags, acl);
    }

    @Override
    public String toString() {
        return "CanaryContent{" + bytes.length + " bytes " + contentHeaders + " meta=" + userMetadata + " tags=" + tags
                + " acl=" + acl + '}';
    }
}
