package io.ossenforcer.oss;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.ObjectMetadata;
import io.ossenforcer.sweep.Checkpoint;
import io.ossenforcer.sweep.CheckpointException;
import io.ossenforcer.sweep.CheckpointStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * A sweep checkpoint kept in an OSS object, so that any Function Compute instance can resume the slice. A PutObject
 * replaces the object atomically: a crash mid-save leaves the previous checkpoint.
 */
public final class OssCheckpointStore implements CheckpointStore {
    private final OSS client;
    private final String bucket;
    private final String key;

    public OssCheckpointStore(OSS client, String bucket, String key) {
        this.client = Objects.requireNonNull(client);
        this.bucket = Objects.requireNonNull(bucket);
        this.key = Objects.requireNonNull(key);
    }

    @Override
    public Optional<Checkpoint> load() throws CheckpointException {
        String json;
        try (OSSObject object = client.getObject(bucket, key); InputStream in = object.getObjectContent()) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (OSSException e) {
            if ("NoSuchKey".equals(e.getErrorCode())) {
                return Optional.empty();
            }
            throw new CheckpointException("cannot read checkpoint " + describe() + ": " + e.getErrorCode() + " "
                    + e.getErrorMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException("cannot read checkpoint " + describe() + ": " + e, e);
        }
        return Optional.of(Checkpoint.parse(json, describe()));
    }

    @Override
    public void save(Checkpoint checkpoint) throws CheckpointException {
        byte[] json = checkpoint.toJson().getBytes(StandardCharsets.UTF_8);
        ObjectMetadata meta = new ObjectMetadata();
        meta.setContentType("application/json");
        meta.setContentLength(json.length);
        try {
            client.putObject(bucket, key, new ByteArrayInputStream(json), meta);
        } catch (RuntimeException e) {
            throw new CheckpointException("cannot write checkpoint " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "oss://" + bucket + "/" + key;
    }
}
