package io.ossenforcer.localoss;

import java.time.Duration;
import java.util.Optional;

/**
 * The bucket configuration objects depend on: versioning (Put/GetBucketVersioning), default encryption
 * (Put/Get/DeleteBucketEncryption) and the retention policy (Initiate/Complete/GetBucketWorm).
 */
final class BucketConfigOperations {
    /** OSS's range for RetentionPeriodInDays. */
    private static final int MAX_RETENTION_DAYS = 25_550;

    private final Backend backend;
    private final Store store;

    BucketConfigOperations(Backend backend) {
        this.backend = backend;
        this.store = backend.store();
    }

    /** {@code VersioningConfiguration{Status: Enabled|Suspended}}; a bucket with a retention policy refuses it. */
    OssResponse putVersioning(OssRequest request, String bucketName) {
        Versioning status = Versioning.parse(XmlReader.parse(request.body(), "VersioningConfiguration")
                .text("Status").trim());
        synchronized (store) {
            Bucket bucket = store.bucket(bucketName);
            if (bucket.retention().isPresent()) {
                throw OssError.invalidArgument("A bucket with a retention policy cannot be versioned.",
                        "versioning", status.wireName());
            }
            bucket.setVersioning(status);
        }
        return OssResponse.status(200).build();
    }

    /** A never-versioned bucket answers a configuration without Status, as OSS does. */
    OssResponse getVersioning(String bucketName) {
        Versioning status;
        synchronized (store) {
            status = store.bucket(bucketName).versioning();
        }
        XmlWriter xml = new XmlWriter().start("VersioningConfiguration");
        if (status != Versioning.OFF) {
            xml.element("Status", status.wireName());
        }
        return OssResponse.status(200).xml(xml.end().toBytes()).build();
    }

    /**
     * {@code ServerSideEncryptionRule{ApplyServerSideEncryptionByDefault{SSEAlgorithm, KMSMasterKeyID,
     * KMSDataEncryption}}}: applies to later writes that send no SSE header, never to existing objects.
     */
    OssResponse putEncryption(OssRequest request, String bucketName) {
        XmlReader rule = XmlReader.parse(request.body(), "ServerSideEncryptionRule")
                .child("ApplyServerSideEncryptionByDefault").orElseThrow(OssError::malformedXml);
        ServerSideEncryption encryption = ServerSideEncryption.bucketRule(rule.text("SSEAlgorithm").trim(),
                rule.child("KMSMasterKeyID").map(k -> k.text().trim()),
                rule.child("KMSDataEncryption").map(d -> d.text().trim()), backend.settings());
        synchronized (store) {
            store.bucket(bucketName).setDefaultEncryption(Optional.of(encryption));
        }
        return OssResponse.status(200).build();
    }

    OssResponse getEncryption(String bucketName) {
        Optional<ServerSideEncryption> rule;
        synchronized (store) {
            rule = store.bucket(bucketName).defaultEncryption();
        }
        ServerSideEncryption encryption = rule.orElseThrow(() -> new OssError(404, "NoSuchServerSideEncryptionRule",
                "The server side encryption configuration was not found").with("BucketName", bucketName));
        XmlWriter xml = new XmlWriter().start("ServerSideEncryptionRule").start("ApplyServerSideEncryptionByDefault")
                .element("SSEAlgorithm", encryption.algorithm());
        encryption.keyId().ifPresent(id -> xml.element("KMSMasterKeyID", id));
        encryption.dataEncryption().ifPresent(d -> xml.element("KMSDataEncryption", d));
        return OssResponse.status(200).xml(xml.end().end().toBytes()).build();
    }

    OssResponse deleteEncryption(String bucketName) {
        synchronized (store) {
            store.bucket(bucketName).setDefaultEncryption(Optional.empty());
        }
        return OssResponse.status(204).build();
    }

    /**
     * InitiateBucketWorm: {@code InitiateWormConfiguration{RetentionPeriodInDays}} (1..25550) makes an
     * {@code InProgress} policy and answers its id in {@code x-oss-worm-id}. A bucket already holding a policy, or a
     * versioned one, is refused.
     */
    OssResponse initiateWorm(OssRequest request, String bucketName) {
        String text = XmlReader.parse(request.body(), "InitiateWormConfiguration").text("RetentionPeriodInDays").trim();
        int days;
        try {
            days = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            days = 0;
        }
        if (days < 1 || days > MAX_RETENTION_DAYS) {
            throw invalidWorm("RetentionPeriodInDays must be an integer from 1 to " + MAX_RETENTION_DAYS + ": " + text);
        }
        Retention retention = new Retention(Backend.randomHex(16), Duration.ofDays(days), false, backend.now());
        synchronized (store) {
            Bucket bucket = store.bucket(bucketName);
            if (bucket.retention().isPresent()) {
                throw invalidWorm("The bucket already has a retention policy.");
            }
            if (bucket.isVersioned()) {
                throw invalidWorm("A versioned bucket cannot have a retention policy.");
            }
            bucket.setRetention(retention);
        }
        return OssResponse.status(200).header("x-oss-worm-id", retention.wormId()).build();
    }

    /** CompleteBucketWorm ({@code POST ?wormId=id}) locks the policy. */
    OssResponse completeWorm(OssRequest request, String bucketName) {
        String wormId = request.param("wormId").orElse("");
        synchronized (store) {
            Bucket bucket = store.bucket(bucketName);
            Retention retention = bucket.retention().filter(r -> r.wormId().equals(wormId))
                    .orElseThrow(() -> noSuchWorm(bucketName));
            bucket.setRetention(retention.lock());
        }
        return OssResponse.status(200).build();
    }

    /** {@code WormConfiguration{WormId, State, RetentionPeriodInDays, CreationDate}}; days are rounded up. */
    OssResponse getWorm(String bucketName) {
        Retention retention;
        synchronized (store) {
            retention = store.bucket(bucketName).retention().orElseThrow(() -> noSuchWorm(bucketName));
        }
        long days = (retention.period().toSeconds() + 86_399) / 86_400;
        return OssResponse.status(200).xml(new XmlWriter().start("WormConfiguration")
                .element("WormId", retention.wormId())
                .element("State", retention.isLocked() ? "Locked" : "InProgress")
                .element("RetentionPeriodInDays", days)
                .element("CreationDate", HttpDates.iso8601(retention.created()))
                .end().toBytes()).build();
    }

    private static OssError invalidWorm(String message) {
        return new OssError(400, "InvalidWORMConfiguration", message);
    }

    private static OssError noSuchWorm(String bucketName) {
        return new OssError(404, "NoSuchWORMConfiguration", "The WORM Configuration does not exist.")
                .with("BucketName", bucketName);
    }
}
