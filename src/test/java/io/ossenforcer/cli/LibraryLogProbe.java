package io.ossenforcer.cli;

/**
 * Run in a JVM of its own on a jar's classpath: logs one two-line ERROR through Commons Logging, as the OSS SDK and
 * HttpClient log, so that a test sees what becomes of a library's line. Commons Logging is reached by name, as the
 * project's own code never uses it.
 */
public final class LibraryLogProbe {
    private LibraryLogProbe() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        Object log = Class.forName("org.apache.commons.logging.LogFactory").getMethod("getLog", String.class)
                .invoke(null, "com.aliyun.oss.probe");
        Class.forName("org.apache.commons.logging.Log").getMethod("error", Object.class)
                .invoke(log, "first line of a library's message\nsecond line");
    }
}
