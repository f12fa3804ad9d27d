package io.ossenforcer.localoss;

import java.util.Optional;

/**
 * The {@code encoding-type=url} option of listings and multipart results, their integer parameters, and how their
 * {@code delimiter} rolls keys up into common prefixes.
 */
final class ListingEncoding {
    private ListingEncoding() {
    }

    /** True for {@code encoding-type=url}; any other value is 400 InvalidArgument. */
    static boolean isUrl(OssRequest request) {
        String value = request.param("encoding-type").orElse("");
        if (!request.hasParam("encoding-type")) {
            return false;
        }
        if (!value.equals("url")) {
            throw OssError.invalidArgument("The encoding-type must be url.", "encoding-type", value);
        }
        return true;
    }

    /**
     * URL-encodes as OSS does: RFC 3986, {@code /} included ({@code test-dir%2Fsub-dir%2F} in the SDKs' listing
     * tests), so that a URL decoder restores {@code +}, spaces and slashes.
     */
    static String encode(String text, boolean url) {
        return url ? UriEncoding.encode(text, false) : text;
    }

    /**
     * The common prefix {@code key} (which starts with {@code prefix}) rolls up into: the key up to and including the
     * first {@code delimiter} after the prefix. Empty without a delimiter, or when it does not occur there.
     */
    static Optional<String> commonPrefix(String key, String prefix, String delimiter) {
        int cut = delimiter.isEmpty() ? -1 : key.indexOf(delimiter, prefix.length());
        return cut < 0 ? Optional.empty() : Optional.of(key.substring(0, cut + delimiter.length()));
    }

    /** An integer parameter in {@code [0, max]}; absent means {@code absent}; anything else is InvalidArgument. */
    static int intParam(OssRequest request, String name, int absent, int max) {
        if (!request.hasParam(name)) {
            return absent;
        }
        String value = request.param(name).orElse("");
        try {
            int n = Integer.parseInt(value);
            if (n >= 0 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw OssError.invalidArgument(name + " must be an integer between 0 and " + max + ".", name, value);
    }
}
