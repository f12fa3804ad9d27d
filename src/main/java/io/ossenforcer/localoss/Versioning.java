package io.ossenforcer.localoss;

/** A bucket's versioning status; OFF is a bucket that was never versioned (GetBucketVersioning has no Status). */
enum Versioning {
    OFF(""), ENABLED("Enabled"), SUSPENDED("Suspended");

    private final String wireName;

    Versioning(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }

    static Versioning parse(String status) {
        for (Versioning v : values()) {
            if (v != OFF && v.wireName.equals(status)) {
                return v;
            }
        }
        throw OssError.malformedXml();
    }
}
