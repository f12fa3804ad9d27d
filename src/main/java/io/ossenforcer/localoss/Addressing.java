package io.ossenforcer.localoss;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a request names its bucket. OSS routes by the Host header: {@code <bucket>.oss-<region>.aliyuncs.com} is
 * virtual-hosted (the path is {@code /key}), the bare endpoint is path-style ({@code /bucket/key}). Clients send
 * both to this emulator: the Java SDKs go path-style for an IP or {@code localhost} endpoint, ali-oss with an IP
 * endpoint keeps the path {@code /key} and sends {@code Host: <bucket>.oss-<region>.aliyuncs.com}, and a client
 * using the emulator as its HTTP proxy sends an absolute URI whose authority is the virtual host.
 *
 * <p>The rule: a host that is an IP literal, {@code localhost}, a single label or an OSS service endpoint
 * ({@code oss-*.aliyuncs.com}) is the emulator itself; any other host names the bucket with its first label.
 */
final class Addressing {
    private Addressing() {
    }

    /** The bucket a Host header (or an absolute URI's authority) names, if it names one. */
    static Optional<String> virtualBucket(String host) {
        String name = hostName(host.trim()).toLowerCase(Locale.ROOT);
        int dot = name.indexOf('.');
        if (name.isEmpty() || name.startsWith("[") || dot <= 0 || isIpv4(name) || isServiceEndpoint(name)) {
            return Optional.empty();
        }
        return Optional.of(name.substring(0, dot));
    }

    /** The host without its port; IPv6 literals keep their brackets. */
    private static String hostName(String host) {
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close < 0 ? host : host.substring(0, close + 1);
        }
        int colon = host.lastIndexOf(':');
        String name = colon < 0 ? host : host.substring(0, colon);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static boolean isIpv4(String name) {
        return name.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    }

    /** {@code oss-cn-hangzhou.aliyuncs.com}, {@code oss-cn-hangzhou-internal.aliyuncs.com}: no bucket label. */
    private static boolean isServiceEndpoint(String name) {
        return name.startsWith("oss-") && name.endsWith(".aliyuncs.com")
                && name.indexOf('.') == name.length() - ".aliyuncs.com".length();
    }
}
