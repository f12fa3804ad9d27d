package io.ossenforcer.handler;

import com.aliyun.oss.OSS;
import io.ossenforcer.oss.AccessKey;
import io.ossenforcer.oss.OssClients;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One SDK client per endpoint for the life of the instance (connection pools and class loading are the expensive
 * part of a call), rebuilt only when the STS credentials rotate. An FC Java instance serves one request at a time;
 * the lock is for the CLI, which may share a handler between threads.
 */
final class ClientCache {
    /** Builds one client: {@link OssClients#build} in production; tests record or stub what gets built. */
    @FunctionalInterface
    interface Builder {
        OSS build(String endpoint, String region, AccessKey key);
    }

    private final Map<String, Entry> clients = new HashMap<>();
    // Empty: OssClients.build, called directly so a cold start loads no method-reference class for it.
    private final Optional<Builder> builder;

    ClientCache() {
        this.builder = Optional.empty();
    }

    ClientCache(Builder builder) {
        this.builder = Optional.of(builder);
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
        OSS client = builder.isPresent() ? builder.get().build(endpoint, region, key)
                : OssClients.build(endpoint, region, key);
        clients.put(slot, new Entry(key, client));
        return client;
    }

    synchronized void close() {
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
