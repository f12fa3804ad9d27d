package io.ossenforcer.cli;

import io.ossenforcer.enforce.ObjectStoreException;
import io.ossenforcer.enforce.SmallObject;
import io.ossenforcer.app.EnvironmentCredentials;
import io.ossenforcer.app.OssUri;
import io.ossenforcer.app.Settings;
import io.ossenforcer.oss.AccessKey;
import io.ossenforcer.oss.CopyLimits;
import io.ossenforcer.oss.OssClients;
import io.ossenforcer.oss.OssConnection;
import io.ossenforcer.oss.SdkObjectStore;
import io.ossenforcer.rules.RuleSet;
import io.ossenforcer.rules.RulesException;
import io.ossenforcer.rules.RulesParser;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A command's way to OSS from its own machine: {@code --endpoint} (default {@code $OSS_ENDPOINT}, else the region's
 * public endpoint), {@code --region} (default {@code $FC_REGION}) and the ALIBABA_CLOUD_* credentials.
 */
final class OssAccess implements AutoCloseable {
    static final String OPTIONS_HELP =
            "  --endpoint URL    OSS endpoint (default: $OSS_ENDPOINT, else the region's public endpoint)\n"
            + "  --region REGION   region (default: $FC_REGION, else the one the endpoint names)\n"
            + "Credentials: ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET, optional _SECURITY_TOKEN.\n";

    private final OssConnection connection;
    private final String endpoint;

    private OssAccess(OssConnection connection, String endpoint) {
        this.connection = connection;
        this.endpoint = endpoint;
    }

    static OssAccess open(String command, Args args, Command.Io io) throws UsageException {
        Optional<String> endpoint = args.value(command, "endpoint", Args::endpointProblem)
                .or(() -> Optional.ofNullable(io.env.get(Settings.OSS_ENDPOINT)).filter(v -> !v.isBlank()));
        String region = args.value(command, "region", Args::regionProblem)
                .or(() -> Optional.ofNullable(io.env.get(Settings.FC_REGION)).filter(v -> !v.isBlank()))
                .or(() -> endpoint.flatMap(OssClients::regionOf))
                .orElseThrow(() -> new UsageException(command + ": needs --region or $" + Settings.FC_REGION
                        + " (or an --endpoint that names its region, " + OssClients.PUBLIC_ENDPOINT_FORM
                        + "; for local-oss, export the " + Settings.FC_REGION + " it prints)"));
        AccessKey key = EnvironmentCredentials.of(io.env).orElseThrow(() -> new UsageException(command
                + ": needs ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET"));
        try {
            String url = endpoint.orElseGet(() -> OssClients.publicEndpoint(region));
            return new OssAccess(OssConnection.open(url, region, key), url);
        } catch (IllegalArgumentException e) {
            throw new UsageException(command + ": " + e.getMessage());
        }
    }

    /** For commands that need more than the store (listing, sweeps). */
    OssConnection connection() {
        return connection;
    }

    String endpoint() {
        return endpoint;
    }

    SdkObjectStore store() {
        return connection.store(CopyLimits.oss());
    }

    /**
     * Rules from a file, or from an {@code oss://} object as {@code RULES_OSS_URI} would read them; rules with
     * problems are a usage error listing every one (exit 2).
     */
    static RuleSet loadRules(String command, String where, Args args, Command.Io io) throws UsageException {
        try {
            return read(command, where, args, io);
        } catch (RulesException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static RuleSet read(String command, String where, Args args, Command.Io io)
            throws UsageException, RulesException {
        if (!OssUri.looksLikeOne(where)) {
            return RulesParser.load(Path.of(where));
        }
        OssUri uri;
        try {
            uri = OssUri.parse(where);
        } catch (IllegalArgumentException e) {
            throw new UsageException(command + ": " + e.getMessage());
        }
        try (OssAccess oss = open(command, args, io)) {
            return oss.readRules(command, uri);
        }
    }

    private RuleSet readRules(String command, OssUri uri) throws UsageException, RulesException {
        try {
            SmallObject object = store().readIfChanged(uri.bucket(), uri.key(),
                    Optional.empty(), RulesParser.LIMITS.maxBytes()).orElseThrow();
            return RulesParser.parse(object.content(), uri + " (ETag " + object.eTag() + ")");
        } catch (ObjectStoreException e) {
            throw new UsageException(command + ": cannot read " + uri + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
