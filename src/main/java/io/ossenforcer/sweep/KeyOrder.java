package io.ossenforcer.sweep;

import java.util.Comparator;

/**
 * OSS lists keys in UTF-8 byte order, which is code point order; Java's {@link String#compareTo} compares UTF-16
 * units and disagrees above U+FFFF. Every key comparison of a sweep goes through here. (The emulator has its own
 * copy of this order: it imports nothing of the enforcer.)
 */
final class KeyOrder {
    static final Comparator<String> UTF8 = KeyOrder::compare;

    private KeyOrder() {
    }

    static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
