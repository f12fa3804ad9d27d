package io.ossenforcer.localoss;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The bucket settings that protect objects beyond encryption, as {@code check-buckets} reads and reports them: Block
 * Public Access (Put/GetBucketPublicAccessBlock) and lifecycle rules (Put/Get/DeleteBucketLifecycle), in the shapes
 * of Alibaba's API reference and aliyun-sdk-oss's marshallers and parsers.
 */
final class BucketProtectionOperations {
    /** OSS's limits on a lifecycle configuration. */
    private static final int MAX_RULES = 1000;
    private static final int MAX_ID_LENGTH = 255;
    /** At least one of these makes a rule do something; OSS refuses a rule without any. */
    private static final Set<String> ACTIONS = Set.of("Expiration", "Transition", "AbortMultipartUpload",
            "NoncurrentVersionExpiration", "NoncurrentVersionTransition");

    private final Store store;

    BucketProtectionOperations(Backend backend) {
        this.store = backend.store();
    }

    /** {@code PublicAccessBlockConfiguration{BlockPublicAccess: true|false}}. */
    OssResponse putPublicAccessBlock(OssRequest request, String bucketName) {
        String value = XmlReader.parse(request.body(), "PublicAccessBlockConfiguration").text("BlockPublicAccess")
                .trim();
        if (!value.equals("true") && !value.equals("false")) {
            throw OssError.invalidArgument("BlockPublicAccess must be true or false.", "BlockPublicAccess", value);
        }
        synchronized (store) {
            store.bucket(bucketName).setBlockPublicAccess(Boolean.parseBoolean(value));
        }
        return OssResponse.status(200).build();
    }

    /** A bucket never configured answers {@code false}: public access is then governed by ACLs and policies alone. */
    OssResponse getPublicAccessBlock(String bucketName) {
        boolean blocked;
        synchronized (store) {
            blocked = store.bucket(bucketName).blocksPublicAccess();
        }
        return OssResponse.status(200).xml(new XmlWriter().start("PublicAccessBlockConfiguration")
                .element("BlockPublicAccess", String.valueOf(blocked)).end().toBytes()).build();
    }

    /**
     * {@code LifecycleConfiguration{Rule{ID?, Prefix?|Filter?, Status, actions...}...}}: checked for the structure
     * OSS requires and kept as sent; GetBucketLifecycle answers it back.
     */
    OssResponse putLifecycle(OssRequest request, String bucketName) {
        XmlReader config = XmlReader.parse(request.body(), "LifecycleConfiguration");
        List<XmlReader> rules = config.children("Rule");
        if (rules.isEmpty() || rules.size() > MAX_RULES) {
            throw OssError.malformedXml();
        }
        for (XmlReader rule : rules) {
            checkRule(rule);
        }
        synchronized (store) {
            store.bucket(bucketName).setLifecycle(Optional.of(request.body().clone()));
        }
        return OssResponse.status(200).build();
    }

    private static void checkRule(XmlReader rule) {
        String status = rule.text("Status").trim();
        if (!status.equals("Enabled") && !status.equals("Disabled")) {
            throw OssError.invalidArgument("Status must be Enabled or Disabled.", "Status", status);
        }
        Optional<XmlReader> id = rule.child("ID");
        if (id.isPresent() && id.get().text().length() > MAX_ID_LENGTH) {
            throw OssError.invalidArgument("ID is longer than " + MAX_ID_LENGTH + " characters.", "ID",
                    id.get().text());
        }
        boolean acts = false;
        for (String action : ACTIONS) {
            acts |= !rule.children(action).isEmpty();
        }
        if (!acts) {
            throw OssError.malformedXml();
        }
        Optional<XmlReader> abort = rule.child("AbortMultipartUpload");
        if (abort.isPresent()) {
            checkAbort(abort.get());
        }
    }

    /** Days (a positive whole number) or CreatedBeforeDate, exactly one of them. */
    private static void checkAbort(XmlReader abort) {
        Optional<XmlReader> days = abort.child("Days");
        Optional<XmlReader> before = abort.child("CreatedBeforeDate");
        if (days.isPresent() == before.isPresent()) {
            throw OssError.malformedXml();
        }
        if (days.isPresent()) {
            String text = days.get().text().trim();
            if (!text.matches("[1-9][0-9]{0,8}")) {
                throw OssError.invalidArgument("AbortMultipartUpload Days must be a positive integer.", "Days", text);
            }
        }
    }

    OssResponse getLifecycle(String bucketName) {
        Optional<byte[]> lifecycle;
        synchronized (store) {
            lifecycle = store.bucket(bucketName).lifecycle();
        }
        byte[] xml = lifecycle.orElseThrow(() -> new OssError(404, "NoSuchLifecycle",
                "No Row found in Lifecycle Table.").with("BucketName", bucketName));
        return OssResponse.status(200).xml(xml.clone()).build();
    }

    OssResponse deleteLifecycle(String bucketName) {
        synchronized (store) {
            store.bucket(bucketName).setLifecycle(Optional.empty());
        }
        return OssResponse.status(204).build();
    }
}
