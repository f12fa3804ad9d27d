package io.ossenforcer.localoss;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.http.Header;
import org.apache.http.HttpEntityEnclosingRequest;
import org.apache.http.HttpInetConnection;
import org.apache.http.HttpRequest;
import org.apache.http.HttpResponse;
import org.apache.http.protocol.HttpContext;
import org.apache.http.protocol.HttpCoreContext;
import org.apache.http.protocol.HttpRequestHandler;
import org.apache.http.util.EntityUtils;

/**
 * Turns HTTP requests into operations: decodes the path-style URL, authenticates, picks the operation from the verb,
 * the bucket/key level and the sub-resource, and renders the answer or the OSS error. Every response carries
 * {@code x-oss-request-id}; HEAD errors carry no body but the error document base64-encoded in {@code x-oss-err}.
 */
final class Router implements HttpRequestHandler {
    private static final System.Logger LOG = System.getLogger(Router.class.getName());

    /** Query parameters that name a sub-resource (an operation) rather than an option of one. */
    private static final Set<String> SUB_RESOURCES = new HashSet<>(Arrays.asList("acl", "uploads", "location",
            "cors", "logging", "website", "referer", "lifecycle", "delete", "append", "tagging", "objectMeta",
            "position", "img", "style", "replication", "replicationProgress", "replicationLocation", "cname",
            "bucketInfo", "comp", "qos", "live", "status", "vod", "x-oss-process", "processConfiguration", "symlink",
            "stat", "udf", "restore", "versions", "versioning", "versionId", "encryption", "policy", "requestPayment",
            "qosInfo", "asyncFetch", "inventory", "worm", "wormId", "wormExtend", "callback", "transferAcceleration",
            "metaQuery", "resourceGroup", "regionList", "x-oss-async-process", "x-oss-write-get-object-response",
            "bucketArchiveDirectRead", "httpsConfig", "publicAccessBlock", "policyStatus", "redundancyTransition",
            "accessPoint", "accessPointPolicy", "objectInfo", "x-oss-dir", "x-oss-rename", "x-oss-delete"));

    /** Signed sub-resources that qualify an operation instead of naming one ({@code ?acl&versionId=..}). */
    private static final Set<String> MODIFIERS = new HashSet<>(Arrays.asList("versionId", "position"));

    private final Signatures signatures;
    private final BucketOperations buckets;
    private final BucketConfigOperations bucketConfig;
    private final ObjectOperations objects;
    private final MultipartOperations multipart;
    private final AppendOperations appends;
    private final SymlinkOperations symlinks;
    private final RestoreOperations restores;

    Router(Backend backend, Signatures signatures) {
        this.signatures = signatures;
        this.buckets = new BucketOperations(backend);
        this.bucketConfig = new BucketConfigOperations(backend);
        this.objects = new ObjectOperations(backend);
        this.multipart = new MultipartOperations(backend, objects);
        this.appends = new AppendOperations(backend);
        this.symlinks = new SymlinkOperations(backend);
        this.restores = new RestoreOperations(backend);
    }

    @Override
    public void handle(HttpRequest http, HttpResponse httpResponse, HttpContext context) throws IOException {
        String requestId = Backend.randomHex(12);
        String method = http.getRequestLine().getMethod();
        Header host = http.getFirstHeader("Host");
        OssResponse response;
        try {
            OssRequest request = decode(http, context, requestId);
            signatures.verify(request);
            response = dispatch(request);
        } catch (OssError e) {
            response = error(e, requestId, host == null ? "" : host.getValue(), method.equals("HEAD"));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "local OSS failed on " + http.getRequestLine(), e);
            response = error(new OssError(500, "InternalError", "We encountered an internal error. " + e),
                    requestId, host == null ? "" : host.getValue(), method.equals("HEAD"));
        }
        write(response, requestId, method, httpResponse);
    }

    /** The one place every authenticated request becomes an operation (fault injection can wrap it). */
    private OssResponse dispatch(OssRequest request) {
        if (request.header("x-oss-callback").isPresent()) {
            throw OssError.notImplemented("x-oss-callback");
        }
        List<String> sub = new ArrayList<>();
        request.params().keySet().stream().filter(p -> SUB_RESOURCES.contains(p) && !MODIFIERS.contains(p))
                .forEach(sub::add);
        if (sub.size() > 1) {
            throw OssError.notImplemented("sub-resources " + sub + " together");
        }
        String subResource = sub.isEmpty() ? "" : sub.get(0);
        String method = request.method();
        if (!request.bucket().isPresent()) {
            if (method.equals("GET") && subResource.isEmpty()) {
                return buckets.listBuckets(request);
            }
            throw unsupported(request, subResource);
        }
        String bucket = Names.checkBucket(request.bucket().get());
        if (!request.key().isPresent()) {
            return bucketLevel(request, bucket, subResource);
        }
        return objectLevel(request, bucket, Names.checkKey(request.key().get()), subResource);
    }

    private OssResponse bucketLevel(OssRequest request, String bucket, String subResource) {
        switch (request.method() + " " + subResource) {
            case "PUT ":
                return buckets.put(request, bucket);
            case "DELETE ":
                return buckets.delete(bucket);
            case "GET ":
                return buckets.listObjects(request, bucket);
            case "GET acl":
                return buckets.getAcl(bucket);
            case "GET bucketInfo":
                return buckets.info(bucket);
            case "GET uploads":
                return multipart.listUploads(request, bucket);
            case "GET versions":
                return buckets.listVersions(request, bucket);
            case "PUT versioning":
                return bucketConfig.putVersioning(request, bucket);
            case "GET versioning":
                return bucketConfig.getVersioning(bucket);
            case "PUT encryption":
                return bucketConfig.putEncryption(request, bucket);
            case "GET encryption":
                return bucketConfig.getEncryption(bucket);
            case "DELETE encryption":
                return bucketConfig.deleteEncryption(bucket);
            case "POST worm":
                return bucketConfig.initiateWorm(request, bucket);
            case "POST wormId":
                return bucketConfig.completeWorm(request, bucket);
            case "GET worm":
                return bucketConfig.getWorm(bucket);
            default:
                throw unsupported(request, subResource);
        }
    }

    private OssResponse objectLevel(OssRequest request, String bucket, String key, String subResource) {
        boolean upload = request.hasParam("uploadId");
        switch (request.method() + " " + subResource) {
            case "PUT ":
                if (upload || request.hasParam("partNumber")) {
                    return request.header(CopySource.HEADER).isPresent()
                            ? multipart.uploadPartCopy(request, bucket, key)
                            : multipart.uploadPart(request, bucket, key);
                }
                return request.header(CopySource.HEADER).isPresent()
                        ? objects.copy(request, bucket, key)
                        : objects.put(request, bucket, key);
            case "GET ":
                return upload ? multipart.listParts(request, bucket, key) : objects.get(request, bucket, key);
            case "HEAD ":
                return objects.get(request, bucket, key);
            case "HEAD objectMeta":
                return objects.getObjectMeta(request, bucket, key);
            case "DELETE ":
                return upload ? multipart.abort(request, bucket, key) : objects.delete(request, bucket, key);
            case "POST append":
                return appends.append(request, bucket, key);
            case "POST restore":
                return restores.restore(request, bucket, key);
            case "PUT symlink":
                return symlinks.put(request, bucket, key);
            case "GET symlink":
                return symlinks.get(request, bucket, key);
            case "POST uploads":
                return multipart.initiate(request, bucket, key);
            case "POST ":
                if (upload) {
                    return multipart.complete(request, bucket, key);
                }
                throw unsupported(request, subResource);
            case "GET acl":
                return objects.getAcl(request, bucket, key);
            case "PUT acl":
                return objects.putAcl(request, bucket, key);
            case "GET tagging":
                return objects.getTagging(request, bucket, key);
            case "PUT tagging":
                return objects.putTagging(request, bucket, key);
            case "DELETE tagging":
                return objects.deleteTagging(request, bucket, key);
            default:
                throw unsupported(request, subResource);
        }
    }

    private static OssError unsupported(OssRequest request, String subResource) {
        String level = !request.bucket().isPresent() ? "service" : request.key().isPresent() ? "object" : "bucket";
        return OssError.notImplemented(request.method() + " on a " + level
                + (subResource.isEmpty() ? "" : " with ?" + subResource));
    }

    private static OssRequest decode(HttpRequest http, HttpContext context, String requestId) throws IOException {
        String uri = http.getRequestLine().getUri();
        int question = uri.indexOf('?');
        String rawPath = question < 0 ? uri : uri.substring(0, question);
        Map<String, Optional<String>> params = new LinkedHashMap<>();
        String path;
        try {
            path = UriEncoding.decode(rawPath, false);
            if (question >= 0) {
                for (String pair : uri.substring(question + 1).split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int eq = pair.indexOf('=');
                    String name = UriEncoding.decode(eq < 0 ? pair : pair.substring(0, eq), true);
                    params.putIfAbsent(name, eq < 0 ? Optional.empty()
                            : Optional.of(UriEncoding.decode(pair.substring(eq + 1), true)));
                }
            }
        } catch (IllegalArgumentException e) {
            throw new OssError(400, "InvalidURI", "Couldn't parse the specified URI.").with("URI", uri);
        }
        if (!path.startsWith("/")) {
            throw new OssError(400, "InvalidURI", "Couldn't parse the specified URI.").with("URI", uri);
        }
        Optional<String> bucket = Optional.empty();
        Optional<String> key = Optional.empty();
        if (path.length() > 1) {
            int slash = path.indexOf('/', 1);
            bucket = Optional.of(slash < 0 ? path.substring(1) : path.substring(1, slash));
            if (slash >= 0 && slash < path.length() - 1) {
                key = Optional.of(path.substring(slash + 1));
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : http.getAllHeaders()) {
            headers.putIfAbsent(header.getName(), header.getValue());
        }
        byte[] body = http instanceof HttpEntityEnclosingRequest
                && ((HttpEntityEnclosingRequest) http).getEntity() != null
                ? EntityUtils.toByteArray(((HttpEntityEnclosingRequest) http).getEntity()) : new byte[0];
        return new OssRequest(http.getRequestLine().getMethod(), bucket, key, params, headers, body, requestId,
                remoteAddress(context));
    }

    private static String remoteAddress(HttpContext context) {
        Object connection = HttpCoreContext.adapt(context).getConnection();
        if (connection instanceof HttpInetConnection) {
            InetAddress address = ((HttpInetConnection) connection).getRemoteAddress();
            return address == null ? "127.0.0.1" : address.getHostAddress();
        }
        return "127.0.0.1";
    }

    private static OssResponse error(OssError e, String requestId, String hostId, boolean head) {
        XmlWriter xml = new XmlWriter().start("Error")
                .element("Code", e.code())
                .element("Message", e.getMessage())
                .element("RequestId", requestId)
                .element("HostId", hostId);
        e.details().forEach(xml::element);
        byte[] document = xml.end().toBytes();
        OssResponse.Builder response = OssResponse.status(e.status());
        e.headers().forEach(response::header);
        if (head) {
            return response.header("x-oss-err", Base64.getEncoder().encodeToString(document)).build();
        }
        return response.xml(document).build();
    }

    /** Bodies go out through {@link BlobEntity}, which runs the response's after-sent action once flushed. */
    private static void write(OssResponse response, String requestId, String method, HttpResponse http) {
        http.setStatusCode(response.status());
        http.addHeader("x-oss-request-id", requestId);
        response.headers().forEach(h -> http.addHeader(h.getKey(), h.getValue()));
        boolean canHaveBody = !method.equals("HEAD") && response.status() != 204 && response.status() != 304;
        if (response.body().isPresent()) {
            http.setEntity(new BlobEntity(response.body().get(), response.afterSent()));
        } else if (canHaveBody) {
            http.setEntity(new BlobEntity(new BytesBlob(new byte[0]), response.afterSent()));
        } else {
            // No entity will be written, so nothing can signal "sent": run it now (never an event, in practice).
            response.afterSent().run();
        }
    }
}
