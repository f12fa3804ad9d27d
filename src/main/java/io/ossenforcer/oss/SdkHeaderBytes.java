package io.ossenforcer.oss;

import io.ossenforcer.enforce.ObjectState;
import io.ossenforcer.enforce.ObjectStoreException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * What the OSS Java SDK 3.x can put in a request header. It signs a value as its UTF-8 bytes, then hands them to
 * Apache HttpCore 4.4, which writes a byte outside tab, 0x20-0x7E and 0xA0-0xFF as '?': most CJK characters and every
 * emoji hold such bytes (文 is E6 96 87). The request would then be refused with SignatureDoesNotMatch at best, or
 * store '?' where the owner wrote text; a rewrite that must send the metadata back is refused first, by name.
 */
final class SdkHeaderBytes {
    private SdkHeaderBytes() {
    }

    /** @throws ObjectStoreException (permanent) naming the first header whose bytes the SDK would change */
    static void checkSendable(ObjectState seen) throws ObjectStoreException {
        Optional<String> header = unsendable(seen.contentHeaders(), "")
                .or(() -> unsendable(seen.userMetadata(), "x-oss-meta-"));
        if (header.isPresent()) {
            throw new ObjectStoreException(ObjectStoreException.Kind.PERMANENT, seen.bucket(), seen.key(),
                    Optional.empty(), Optional.empty(), header.get() + " holds UTF-8 bytes the OSS Java SDK 3.x"
                    + " cannot send unchanged (its HTTP client writes bytes 0x80-0x9F and control bytes as '?'); the"
                    + " object was not rewritten, to keep its metadata exact", null);
        }
    }

    private static Optional<String> unsendable(Map<String, String> headers, String prefix) {
        return headers.entrySet().stream().filter(h -> !sendable(h.getValue())).map(h -> prefix + h.getKey())
                .findFirst();
    }

    static boolean sendable(String value) {
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (!(c == 0x09 || c >= 0x20 && c <= 0x7e || c >= 0xa0)) {
                return false;
            }
        }
        return true;
    }
}
