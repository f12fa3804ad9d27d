package io.ossenforcer.localoss;

import com.aliyun.oss.OSS;
import io.ossenforcer.testing.ManualClock;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A test class against one emulator, one V1 SDK client and one bucket, shared by its tests. The emulator keeps time
 * by {@link #clock}, which a test moves on when it needs time to have passed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LocalOssTest {
    final ManualClock clock = ManualClock.followingSystemTime();
    TestOss t;
    OSS client;
    String bucket;

    @BeforeAll
    void startEmulator() throws IOException {
        t = TestOss.start(clock);
        client = t.v1();
        bucket = t.bucket(client);
    }

    @AfterAll
    void stopEmulator() {
        t.close();
    }
}
