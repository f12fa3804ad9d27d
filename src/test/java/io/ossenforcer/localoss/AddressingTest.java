package io.ossenforcer.localoss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which Host headers name a bucket (virtual-hosted) and which are the emulator itself (path-style). */
class AddressingTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "bkt.oss-cn-hangzhou.aliyuncs.com, bkt",
        "bkt.oss-cn-hangzhou-internal.aliyuncs.com:80, bkt",
        "bkt.localhost:9000, bkt",
        "BKT.Example.com., bkt",
        "oss-cn-hangzhou.aliyuncs.com, ''",
        "oss-cn-hangzhou-internal.aliyuncs.com:8080, ''",
        "127.0.0.1:9000, ''",
        "127.0.0.1, ''",
        "[::1]:9000, ''",
        "localhost:9000, ''",
        "emulator, ''",
        "'', ''"
    })
    void aHostNamesTheBucketInItsFirstLabelUnlessItIsTheEmulatorItself(String host, String bucket) {
        assertEquals(bucket.isEmpty() ? Optional.empty() : Optional.of(bucket), Addressing.virtualBucket(host));
    }
}
