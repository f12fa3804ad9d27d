package io.ossenforcer.oss;

import com.aliyun.oss.OSS;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One SDK client per endpoint for the life of the instance (connection pools and class loading are the expensive
 * part of a call), rebuilt only when the STS credentials rotate. An FC Java instance serves one request at a time;
 * the lock is for the CLI, which may share a handler between threads.
 */
public final class ClientCache {
    /** Builds one client: {@link OssClients#build} in production; tests record or stub what gets built. */
    @FunctionalInterface
    public interface Builder {
        OSS build(String endpoint, String region, AccessKey key);
    }

    private final Map<String, Entry> clients = new HashMap<>();
    private final Builder builder;

    public ClientCache() {
        this(OssClients::build);
    }

    public ClientCache(Builder builder) {
        this.builder = Objects.requireNonNull(builder);
    }

    /** The connection for {@code endpoint} and {@code region}; the cache owns it: it is closed with the cache. */
    public OssConnection connection(String endpoint, String region, AccessKey key) {
        return new OssConnection(client(endpoint, region, key));
    }

    synchronized OSS client(String endpoint, String region, AccessKey key) {
        String slot = endpoint + "|" + region;
        Entry entry = clients.get(slot);
        if (entry != null && entry.key.equals(key)) {
            return entry.client;
        }
        if (entry != null) {
            entry.client.shutdown();
        }
        OSS client = builder.build(endpoint, region, key);
        clients.put(slot, new Entry(key, client));
        return client;
    }

    public synchronized void close() {
        for (Entry entry : clients.values()) {
            entry.client.shutdown();
        }
        clients.clear();
    }

    private static final class Entry {
        final AccessKey key;
        final OSS client;

        Entry(AccessKey key, OSS client) {
            this.key = key;
            this.client = client;
        }
    }
}
