package io.ossenforcer.localoss;

import java.security.SecureRandom;

/**
 * Opaque version ids shaped like OSS's ({@code CAEQ...}, 64 characters: the SDK's ObjectVersionTest asserts the
 * length): clients must not parse them.
 */
final class VersionIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private VersionIds() {
    }

    static final int LENGTH = 64;

    static String next() {
        StringBuilder id = new StringBuilder("CAEQ");
        while (id.length() < LENGTH) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
