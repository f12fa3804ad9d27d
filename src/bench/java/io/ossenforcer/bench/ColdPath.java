package io.ossenforcer.bench;

import io.ossenforcer.app.Application;
import io.ossenforcer.app.EnvironmentCredentials;
import io.ossenforcer.app.Settings;
import io.ossenforcer.handler.EnforcerHandler;
import io.ossenforcer.oss.AccessKey;
import io.ossenforcer.oss.OssClients;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The cold path of one instance, phase by phase, in a fresh JVM: rules load (the initializer), an SDK client
 * build, then the first event through the handler (which builds its own client, its classes now loaded, and logs its
 * first line, waiting for Log4j if the thread the handler's constructor started it on has not finished). Prints epoch
 * microseconds at main and after each phase. Arguments: endpoint region rules-file event-file.
 */
public final class ColdPath {
    private ColdPath() {
    }

    public static void main(String[] args) throws Exception {
        long main = micros();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put(Settings.OSS_ENDPOINT, args[0]);
        env.put(Settings.RULES_FILE, args[2]);
        byte[] event = Files.readAllBytes(Path.of(args[3]));
        EnforcerHandler handler = new EnforcerHandler(Application.fromEnvironment(env));
        handler.initialize(null);
        long rules = micros();
        AccessKey key = EnvironmentCredentials.of(env).orElseThrow();
        OssClients.build(args[0], args[1], key).shutdown();
        long client = micros();
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), report, null);
        long first = micros();
        if (!report.toString().contains("\"ENCRYPTED\":1")) {
            throw new IllegalStateException("not encrypted: " + report);
        }
        System.out.println("phases " + main + " " + rules + " " + client + " " + first);
    }

    private static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }
}
