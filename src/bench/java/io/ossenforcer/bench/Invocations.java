package io.ossenforcer.bench;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import com.aliyun.oss.common.comm.SignVersion;
import com.aliyun.oss.model.ObjectMetadata;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What {@link Budgets} runs in each child JVM, for the function ({@link FunctionInvocations}) and for the floor
 * ({@link FloorInvocations}) alike: only the job differs. Reads {@code OSS_ENDPOINT} and {@code FC_REGION} and the
 * {@code ALIBABA_CLOUD_*} credentials from the environment, as the function does, and {@code BENCH_BUCKET}, where the
 * warm runs upload.
 *
 * <p>{@code cold EVENT_FILE}: one event, then exit (the parent times the process). {@code warm TEMPLATE_FILE WARM_UP
 * COUNT}: for each kind (objects already compliant, objects to encrypt), WARM_UP events and then COUNT timed ones,
 * each after an untimed upload of its object; prints {@code warm KIND WALL_MS... | CPU_MS...}, one figure per timed
 * event. TEMPLATE_FILE is an event whose object key is {@code KEY}.
 */
final class Invocations {
    /** One event in, the outcome's name (or a report naming it) out. */
    interface Job {
        String handle(byte[] event) throws Exception;
    }

    /** Objects per kind that a warm run cycles through: compliant ones stay so, the others are uploaded again. */
    private static final int OBJECTS = 20;

    private Invocations() {
    }

    static void run(String[] args, Job job) throws Exception {
        if (args[0].equals("cold")) {
            expect(job.handle(Files.readAllBytes(Path.of(args[1]))), "ENCRYPTED");
            return;
        }
        String template = Files.readString(Path.of(args[1]));
        int warmUp = Integer.parseInt(args[2]);
        int count = Integer.parseInt(args[3]);
        OSS uploader = sdkClient();
        String bucket = System.getenv("BENCH_BUCKET");
        for (String kind : List.of("compliant", "encrypt")) {
            String expected = kind.equals("compliant") ? "COMPLIANT" : "ENCRYPTED";
            List<Double> wall = new ArrayList<>();
            List<Double> cpu = new ArrayList<>();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (int i = 0; i < warmUp + count; i++) {
                String key = "warm/" + ProcessHandle.current().pid() + "/" + kind + "/" + i % OBJECTS;
                if (kind.equals("encrypt") || i < OBJECTS) {
                    upload(uploader, bucket, key, kind.equals("compliant"));
                }
                byte[] event = template.replace("KEY", key).getBytes(StandardCharsets.UTF_8);
                long cpuStart = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                String outcome = job.handle(event);
                long elapsed = System.nanoTime() - start;
                long cpuUsed = threads.getCurrentThreadCpuTime() - cpuStart;
                expect(outcome, expected);
                if (i >= warmUp) {
                    wall.add(elapsed / 1e6);
                    cpu.add(cpuUsed / 1e6);
                }
            }
            System.out.println("warm " + kind + " " + join(wall) + " | " + join(cpu));
        }
        uploader.shutdown();
    }

    private static void expect(String outcome, String expected) {
        if (!outcome.contains(expected)) {
            throw new IllegalStateException("expected " + expected + ", got " + outcome);
        }
    }

    /** A client as the SDK's defaults make it, V4 signing, from the environment: the floor's, and the uploader's. */
    static OSS sdkClient() {
        ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
        conf.setSignatureVersion(SignVersion.V4);
        return OSSClientBuilder.create().endpoint(System.getenv("OSS_ENDPOINT"))
                .credentialsProvider(new DefaultCredentialProvider(System.getenv("ALIBABA_CLOUD_ACCESS_KEY_ID"),
                        System.getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET")))
                .clientConfiguration(conf).region(System.getenv("FC_REGION")).build();
    }

    private static void upload(OSS client, String bucket, String key, boolean encrypted) {
        ObjectMetadata meta = new ObjectMetadata();
        meta.setContentType("text/plain");
        if (encrypted) {
            meta.setServerSideEncryption("AES256");
        }
        byte[] content = ("benchmark object " + key).getBytes(StandardCharsets.UTF_8);
        client.putObject(bucket, key, new ByteArrayInputStream(content), meta);
    }

    private static String join(List<Double> values) {
        List<String> text = new ArrayList<>();
        for (double v : values) {
            text.add(String.format("%.3f", v));
        }
        return String.join(" ", text);
    }
}
