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
import java.util.function.Supplier;
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
 * Turns HTTP requests into operations: finds the bucket by Host header or path (see {@link Addressing}), authenticates, picks the operation from the verb,
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

    /** Every operation name {@link #route} gives, as OSS names them: what a fault rule may name. */
    static final List<String> OPERATIONS = List.of("ListBuckets", "PutBucket", "DeleteBucket", "ListObjects",
            "ListObjectsV2", "GetBucketAcl", "GetBucketInfo", "ListMultipartUploads", "ListObjectVersions",
            "PutBucketVersioning", "GetBucketVersioning", "PutBucketEncryption", "GetBucketEncryption",
            "DeleteBucketEncryption", "PutBucketPublicAccessBlock", "GetBucketPublicAccessBlock",
            "PutBucketLifecycle", "GetBucketLifecycle", "DeleteBucketLifecycle", "InitiateBucketWorm", "CompleteBucketWorm", "GetBucketWorm", "PutObject",
            "GetObject", "HeadObject", "GetObjectMeta", "DeleteObject", "CopyObject", "GetObjectAcl", "PutObjectAcl",
            "GetObjectTagging", "PutObjectTagging", "DeleteObjectTagging", "InitiateMultipartUpload", "UploadPart",
            "UploadPartCopy", "CompleteMultipartUpload", "AbortMultipartUpload", "ListParts", "AppendObject",
            "PutSymlink", "GetSymlink", "RestoreObject", "DeleteMultipleObjects");

    private final Signatures signatures;
    private final FaultInjection faults;
    private final CallHooks hooks;
    private final BucketOperations buckets;
    private final BucketConfigOperations bucketConfig;
    private final BucketProtectionOperations protection;
    private final ObjectOperations objects;
    private final MultipartOperations multipart;
    private final AppendOperations appends;
    private final SymlinkOperations symlinks;
    private final RestoreOperations restores;
    private final DeleteMultipleObjects deleteMultiple;

    Router(Backend backend, Signatures signatures, FaultInjection faults, CallHooks hooks) {
        this.signatures = signatures;
        this.faults = faults;
        this.hooks = hooks;
        this.buckets = new BucketOperations(backend);
        this.bucketConfig = new BucketConfigOperations(backend);
        this.protection = new BucketProtectionOperations(backend);
        this.objects = new ObjectOperations(backend);
        this.multipart = new MultipartOperations(backend, objects);
        this.appends = new AppendOperations(backend);
        this.symlinks = new SymlinkOperations(backend);
        this.restores = new RestoreOperations(backend);
        this.deleteMultiple = new DeleteMultipleObjects(backend, objects);
    }

    @Override
    public void handle(HttpRequest http, HttpResponse httpResponse, HttpContext context) throws IOException {
        String requestId = Backend.randomHex(12);
        String method = http.getRequestLine().getMethod();
        Header host = http.getFirstHeader("Host");
        String hostId = host == null ? "" : host.getValue();
        OssResponse response;
        Optional<Faults.Rule> fault = Optional.empty();
        try {
            OssRequest request = decode(http, context, requestId);
            signatures.verify(request);
            Route route = route(request);
            int call = hooks.count(route.name);
            hooks.run(route.name, call, CallHooks.When.BEFORE);
            fault = faults.next(route.name);
            try {
                response = fault.isPresent() ? injected(fault.get(), route, context) : route.action.get();
            } finally {
                hooks.run(route.name, call, CallHooks.When.AFTER);
            }
        } catch (OssError e) {
            response = error(e, requestId, hostId, method.equals("HEAD"));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "local OSS failed on " + http.getRequestLine(), e);
            response = error(new OssError(500, "InternalError", "We encountered an internal error. " + e),
                    requestId, hostId, method.equals("HEAD"));
        }
        if (fault.filter(f -> f.kind() == Faults.Kind.TRUNCATE).isPresent()) {
            cut(response, requestId, method, connection(context));
            throw new IOException("fault injected: response cut short");
        }
        write(response, requestId, method, httpResponse);
    }

    /** Applies a fault that fired; a truncation runs the operation here and is cut when written. */
    private static OssResponse injected(Faults.Rule fault, Route route, HttpContext context) throws IOException {
        switch (fault.kind()) {
            case STATUS:
                throw fault.error();
            case RESET:
                connection(context).reset();
                throw new IOException("fault injected: connection reset");
            case LATENCY:
                try {
                    Thread.sleep(fault.latency().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while injecting latency", e);
                }
                return route.action.get();
            default:
                return route.action.get();
        }
    }

    private static ServerConnection connection(HttpContext context) {
        return (ServerConnection) HttpCoreContext.adapt(context).getConnection();
    }

    /**
     * Sends half a response, then closes: the full head and half the body, or half the head when there is no body.
     * The operation has run, so its event still goes out, as OSS's would.
     */
    private static void cut(OssResponse response, String requestId, String method, ServerConnection connection)
            throws IOException {
        boolean hasBody = !method.equals("HEAD") && response.body().filter(b -> b.size() > 0).isPresent();
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(response.status()).append(" \r\n")
                .append("x-oss-request-id: ").append(requestId).append("\r\n");
        response.headers().forEach(h -> head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n"));
        head.append("Content-Length: ").append(response.body().map(Blob::size).orElse(0L)).append("\r\n\r\n");
        byte[] headBytes = RawHeadWriter.valueBytes(head.toString());
        try {
            if (hasBody) {
                Blob body = response.body().get();
                connection.cut(headBytes, new SliceBlob(body, 0, body.size() / 2));
            } else {
                connection.cut(Arrays.copyOf(headBytes, headBytes.length / 2), new BytesBlob(new byte[0]));
            }
        } finally {
            response.afterSent().run();
        }
    }

    /** The one place every authenticated request becomes an operation, named as OSS names it. */
    private Route route(OssRequest request) {
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
                return new Route("ListBuckets", () -> buckets.listBuckets(request));
            }
            throw unsupported(request, subResource);
        }
        String bucket = Names.checkBucket(request.bucket().get());
        if (!request.key().isPresent()) {
            return bucketLevel(request, bucket, subResource);
        }
        return objectLevel(request, bucket, Names.checkKey(request.key().get()), subResource);
    }

    private Route bucketLevel(OssRequest request, String bucket, String subResource) {
        switch (request.method() + " " + subResource) {
            case "PUT ":
                return new Route("PutBucket", () -> buckets.put(request, bucket));
            case "DELETE ":
                return new Route("DeleteBucket", () -> buckets.delete(bucket));
            case "GET ":
                return new Route(request.param("list-type").filter("2"::equals).isPresent() ? "ListObjectsV2"
                        : "ListObjects", () -> buckets.listObjects(request, bucket));
            case "GET acl":
                return new Route("GetBucketAcl", () -> buckets.getAcl(bucket));
            case "GET bucketInfo":
                return new Route("GetBucketInfo", () -> buckets.info(bucket));
            case "GET uploads":
                return new Route("ListMultipartUploads", () -> multipart.listUploads(request, bucket));
            case "GET versions":
                return new Route("ListObjectVersions", () -> buckets.listVersions(request, bucket));
            case "PUT versioning":
                return new Route("PutBucketVersioning", () -> bucketConfig.putVersioning(request, bucket));
            case "GET versioning":
                return new Route("GetBucketVersioning", () -> bucketConfig.getVersioning(bucket));
            case "PUT encryption":
                return new Route("PutBucketEncryption", () -> bucketConfig.putEncryption(request, bucket));
            case "GET encryption":
                return new Route("GetBucketEncryption", () -> bucketConfig.getEncryption(bucket));
            case "DELETE encryption":
                return new Route("DeleteBucketEncryption", () -> bucketConfig.deleteEncryption(bucket));
            case "PUT publicAccessBlock":
                return new Route("PutBucketPublicAccessBlock", () -> protection.putPublicAccessBlock(request, bucket));
            case "GET publicAccessBlock":
                return new Route("GetBucketPublicAccessBlock", () -> protection.getPublicAccessBlock(bucket));
            case "PUT lifecycle":
                return new Route("PutBucketLifecycle", () -> protection.putLifecycle(request, bucket));
            case "GET lifecycle":
                return new Route("GetBucketLifecycle", () -> protection.getLifecycle(bucket));
            case "DELETE lifecycle":
                return new Route("DeleteBucketLifecycle", () -> protection.deleteLifecycle(bucket));
            case "POST worm":
                return new Route("InitiateBucketWorm", () -> bucketConfig.initiateWorm(request, bucket));
            case "POST wormId":
                return new Route("CompleteBucketWorm", () -> bucketConfig.completeWorm(request, bucket));
            case "GET worm":
                return new Route("GetBucketWorm", () -> bucketConfig.getWorm(bucket));
            case "POST delete":
                return new Route("DeleteMultipleObjects", () -> deleteMultiple.delete(request, bucket));
            default:
                throw unsupported(request, subResource);
        }
    }

    private Route objectLevel(OssRequest request, String bucket, String key, String subResource) {
        boolean upload = request.hasParam("uploadId");
        switch (request.method() + " " + subResource) {
            case "PUT ":
                boolean copy = request.header(CopySource.HEADER).isPresent();
                if (upload || request.hasParam("partNumber")) {
                    return copy ? new Route("UploadPartCopy", () -> multipart.uploadPartCopy(request, bucket, key))
                            : new Route("UploadPart", () -> multipart.uploadPart(request, bucket, key));
                }
                return copy ? new Route("CopyObject", () -> objects.copy(request, bucket, key))
                        : new Route("PutObject", () -> objects.put(request, bucket, key));
            case "GET ":
                return upload ? new Route("ListParts", () -> multipart.listParts(request, bucket, key))
                        : new Route("GetObject", () -> objects.get(request, bucket, key));
            case "HEAD ":
                return new Route("HeadObject", () -> objects.get(request, bucket, key));
            case "HEAD objectMeta":
                return new Route("GetObjectMeta", () -> objects.getObjectMeta(request, bucket, key));
            case "DELETE ":
                return upload ? new Route("AbortMultipartUpload", () -> multipart.abort(request, bucket, key))
                        : new Route("DeleteObject", () -> objects.delete(request, bucket, key));
            case "POST append":
                return new Route("AppendObject", () -> appends.append(request, bucket, key));
            case "POST restore":
                return new Route("RestoreObject", () -> restores.restore(request, bucket, key));
            case "PUT symlink":
                return new Route("PutSymlink", () -> symlinks.put(request, bucket, key));
            case "GET symlink":
                return new Route("GetSymlink", () -> symlinks.get(request, bucket, key));
            case "POST uploads":
                return new Route("InitiateMultipartUpload", () -> multipart.initiate(request, bucket, key));
            case "POST ":
                if (upload) {
                    return new Route("CompleteMultipartUpload", () -> multipart.complete(request, bucket, key));
                }
                throw unsupported(request, subResource);
            case "GET acl":
                return new Route("GetObjectAcl", () -> objects.getAcl(request, bucket, key));
            case "PUT acl":
                return new Route("PutObjectAcl", () -> objects.putAcl(request, bucket, key));
            case "GET tagging":
                return new Route("GetObjectTagging", () -> objects.getTagging(request, bucket, key));
            case "PUT tagging":
                return new Route("PutObjectTagging", () -> objects.putTagging(request, bucket, key));
            case "DELETE tagging":
                return new Route("DeleteObjectTagging", () -> objects.deleteTagging(request, bucket, key));
            default:
                throw unsupported(request, subResource);
        }
    }

    /** An operation, named as OSS names it, ready to run. */
    private static final class Route {
        final String name;
        final Supplier<OssResponse> action;

        Route(String name, Supplier<OssResponse> action) {
            if (!OPERATIONS.contains(name)) {
                throw new IllegalStateException("operation " + name + " is missing from Router.OPERATIONS");
            }
            this.name = name;
            this.action = action;
        }
    }

    private static OssError unsupported(OssRequest request, String subResource) {
        String level = !request.bucket().isPresent() ? "service" : request.key().isPresent() ? "object" : "bucket";
        return OssError.notImplemented(request.method() + " on a " + level
                + (subResource.isEmpty() ? "" : " with ?" + subResource));
    }

    private static OssRequest decode(HttpRequest http, HttpContext context, String requestId) throws IOException {
        String uri = http.getRequestLine().getUri();
        Header hostHeader = http.getFirstHeader("Host");
        String host = hostHeader == null ? "" : hostHeader.getValue();
        // A client using the emulator as its proxy sends the absolute form; its authority is the host (RFC 7230 5.4).
        int scheme = uri.indexOf("://");
        if (scheme > 0 && !uri.startsWith("/")) {
            int pathStart = uri.indexOf('/', scheme + 3);
            int queryStart = uri.indexOf('?', scheme + 3);
            int end = pathStart < 0 ? (queryStart < 0 ? uri.length() : queryStart)
                    : (queryStart < 0 ? pathStart : Math.min(pathStart, queryStart));
            host = uri.substring(scheme + 3, end);
            uri = end == uri.length() || uri.charAt(end) == '?' ? "/" + uri.substring(end) : uri.substring(end);
        }
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
        Optional<String> bucket = Addressing.virtualBucket(host);
        Optional<String> key = Optional.empty();
        if (bucket.isPresent()) {
            if (path.length() > 1) {
                key = Optional.of(path.substring(1));
            }
        } else if (path.length() > 1) {
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
        if (head || e.status() == 304) {
            // No body is allowed: the document travels in x-oss-err, which the SDKs read for bodiless errors.
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
