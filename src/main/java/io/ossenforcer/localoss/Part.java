package io.ossenforcer.localoss;

import java.time.Instant;

/** One uploaded part of a multipart upload. */
final class Part {
    private final int number;
    private final Blob blob;
    private final String etag;
    private final Instant lastModified;

    Part(int number, Blob blob, String etag, Instant lastModified) {
        this.number = number;
        this.blob = blob;
        this.etag = etag;
        this.lastModified = lastModified;
    }

    int number() {
        return number;
    }

    Blob blob() {
        return blob;
    }

    /** Uppercase hex MD5 of the part, unquoted. */
    String etag() {
        return etag;
    }

    Instant lastModified() {
        return lastModified;
    }
}
