package io.ossenforcer.bench;

import io.ossenforcer.event.EventParser;
import io.ossenforcer.app.Application;
import io.ossenforcer.app.Report;
import io.ossenforcer.app.Settings;
import io.ossenforcer.localoss.LocalOss;
import io.ossenforcer.oss.AccessKey;
import io.ossenforcer.rules.RulesParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The enforcer rewriting a generated object of the given size (default 5 GiB: a multipart copy of 80 parts of 64
 * MiB) through the handler, with the emulator in the same JVM; meant to run with {@code -Xmx64m}: neither holds
 * object bytes. Exits 0 only if the object ends ENCRYPTED. Argument: size in bytes.
 */
public final class LargeCopy {
    private LargeCopy() {
    }

    public static void main(String[] args) throws Exception {
        long size = args.length > 0 ? Long.parseLong(args[0]) : 5L << 30;
        try (LocalOss oss = LocalOss.builder().start()) {
            oss.createBucket(BenchOss.BUCKET);
            oss.putGeneratedObject(BenchOss.BUCKET, "large/object.bin", size, 42);
            String event = Files.readString(Path.of("events/put-object.json")).replace("example-bucket", BenchOss.BUCKET)
                    .replace("reports/2024/q2/revenue-summary.pdf", "large/object.bin");
            Settings settings = Settings.fromEnvironment(Map.of(Settings.OSS_ENDPOINT, oss.endpoint()));
            Application handler = Application.builder(settings).rules(RulesParser.parse(BenchOss.RULES_JSON, "bench"))
                    .build();
            long start = System.nanoTime();
            Report report = handler.enforce(EventParser.parse(event),
                    Optional.of(new AccessKey(oss.accessKeyId(), oss.accessKeySecret(), oss.securityToken())), "bench");
            handler.close();
            System.out.printf("%d-byte object: %s in %.1f s, max heap %d MB%n", size,
                    report.outcomes().get(0).kind(), (System.nanoTime() - start) / 1e9,
                    Runtime.getRuntime().maxMemory() >> 20);
            if (report.anyFailed() || !report.toJson().contains("\"ENCRYPTED\":1")) {
                System.out.println(report.toJson());
                System.exit(1);
            }
        }
    }
}
