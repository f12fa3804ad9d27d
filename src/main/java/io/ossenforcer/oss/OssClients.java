package io.ossenforcer.oss;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import com.aliyun.oss.common.comm.SignVersion;
import io.ossenforcer.json.Problems;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds SDK clients and the endpoints they talk to. The only place that turns a region into a host name. */
public final class OssClients {
    private static final Pattern REGION = Pattern.compile("^[a-z0-9-]{1,64}$");
    private static final Pattern ENDPOINT =
            Pattern.compile("(?:https?://)?oss-([a-z0-9-]{1,64}?)(?:-internal)?\\.aliyuncs\\.com/?");

    /** How the public and the internal endpoints are spelled, for messages that tell a person which to give. */
    public static final String PUBLIC_ENDPOINT_FORM = "https://oss-<region>.aliyuncs.com";
    public static final String INTERNAL_ENDPOINT_FORM = "https://oss-<region>-internal.aliyuncs.com";

    private OssClients() {
    }

    /**
     * The VPC-internal endpoint of a region (no egress fees inside FC).
     *
     * @throws IllegalArgumentException when {@code region} is not a plain region id, so an event can never choose
     *     the host the function's credentials are sent to
     */
    public static String internalEndpoint(String region) {
        return "https://oss-" + validRegion(region) + "-internal.aliyuncs.com";
    }

    /** The public endpoint of a region, for the command line on a machine outside Alibaba Cloud. */
    public static String publicEndpoint(String region) {
        return "https://oss-" + validRegion(region) + ".aliyuncs.com";
    }

    /** The region an OSS endpoint names ({@code oss-cn-hangzhou[-internal].aliyuncs.com}); empty for any other host. */
    public static Optional<String> regionOf(String endpoint) {
        Matcher m = ENDPOINT.matcher(endpoint);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    public static String validRegion(String region) {
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("invalid region " + Problems.quote(region) + ": expected ^[a-z0-9-]+$");
        }
        return region;
    }

    /** A V4-signing client; V4 needs the region for its signing scope. */
    public static OSS build(String endpoint, String region, AccessKey key) {
        ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
        conf.setSignatureVersion(SignVersion.V4);
        conf.setUserAgent("oss-sse-enforcer");
        DefaultCredentialProvider credentials = key.securityToken().isPresent()
                ? new DefaultCredentialProvider(key.id(), key.secret(), key.securityToken().get())
                : new DefaultCredentialProvider(key.id(), key.secret());
        return OSSClientBuilder.create()
                .endpoint(endpoint)
                .credentialsProvider(credentials)
                .clientConfiguration(conf)
                .region(validRegion(region))
                .build();
    }
}
