package io.ossenforcer.localoss;

/** The {@code AccessControlPolicy} document of GetObjectACL and GetBucketACL; the owner is the configured account. */
final class Acls {
    private Acls() {
    }

    static byte[] policy(Settings settings, String grant) {
        return new XmlWriter().start("AccessControlPolicy")
                .start("Owner").element("ID", settings.accountId()).element("DisplayName", settings.accountId()).end()
                .start("AccessControlList").element("Grant", grant).end()
                .end().toBytes();
    }
}
