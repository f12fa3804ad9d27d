package io.ossenforcer.handler;

import io.ossenforcer.app.Application;
import io.ossenforcer.app.Settings;
import io.ossenforcer.enforce.Outcome;
import io.ossenforcer.event.EventRecord;
import io.ossenforcer.localoss.LocalOss;
import io.ossenforcer.testing.Emulator;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Run in its own JVM with a small heap: rewrites an object of several GiB through the handler's multipart path with
 * OSS's real limits (1 GiB single copy, 64 MiB parts) and prints the outcome and the peak heap. Exit 0 only if the
 * object ended ENCRYPTED with its content (size, CRC64) unchanged.
 */
public final class LargeRewriteProbe {
    private LargeRewriteProbe() {
    }

    public static void main(String[] args) throws IOException {
        long size = Long.parseLong(args[0]);
        try (Emulator emulator = Emulator.start(LocalOss.builder()).bucket("large")) {
            emulator.oss.putGeneratedObject("large", "video/raw.mov", size, 7,
                    Map.of("Content-Type", "video/quicktime", "x-oss-meta-camera", "a7", "x-oss-tagging", "p=launch"));
            Long crcBefore = emulator.client.getObjectMetadata("large", "video/raw.mov").getServerCRC();
            Application app = Application.builder(new Settings(Optional.of(Path.of(args[1])),
                    Optional.of(emulator.oss.endpoint()), Optional.of(emulator.oss.region()), false)).build();
            EventRecord record = new EventRecord("ObjectCreated:CompleteMultipartUpload", "large", "video/raw.mov",
                    Optional.empty(), OptionalLong.of(size), Optional.empty(), Optional.empty());
            Outcome outcome = app.enforce(List.of(record), Optional.of(emulator.key), "probe").outcomes().get(0);
            Long crcAfter = emulator.client.getObjectMetadata("large", "video/raw.mov").getServerCRC();
            app.close();
            System.out.println("outcome=" + outcome.kind() + " reason=" + outcome.reason());
            System.out.println("crcBefore=" + crcBefore + " crcAfter=" + crcAfter + " openUploads="
                    + emulator.oss.openMultipartUploads("large") + " peakHeapMiB=" + peakHeapMiB());
            boolean ok = outcome.kind() == Outcome.Kind.ENCRYPTED && crcBefore.equals(crcAfter)
                    && emulator.oss.openMultipartUploads("large") == 0;
            System.exit(ok ? 0 : 1);
        }
    }

    private static long peakHeapMiB() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }
}
