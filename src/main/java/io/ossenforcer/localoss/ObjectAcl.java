package io.ossenforcer.localoss;

import java.util.Optional;

/** An object ACL as set by {@code x-oss-object-acl}; {@code default} means "inherit the bucket's". */
enum ObjectAcl {
    DEFAULT("default"), PRIVATE("private"), PUBLIC_READ("public-read"), PUBLIC_READ_WRITE("public-read-write");

    static final String HEADER = "x-oss-object-acl";

    private final String wireName;

    ObjectAcl(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }

    static ObjectAcl parse(String value) {
        for (ObjectAcl acl : values()) {
            if (acl.wireName.equals(value)) {
                return acl;
            }
        }
        throw OssError.invalidArgument("no such object access control exists", HEADER, value);
    }

    /** The request's {@code x-oss-object-acl}, or {@link #DEFAULT}: OSS never carries an explicit ACL over. */
    static ObjectAcl fromRequest(OssRequest request) {
        return given(request).map(ObjectAcl::parse).orElse(DEFAULT);
    }

    /** The header's value, if it has one: OSS ignores an empty {@code x-oss-object-acl:} on a write. */
    static Optional<String> given(OssRequest request) {
        return request.header(HEADER).filter(value -> !value.trim().isEmpty());
    }
}
