package io.ossenforcer.json;

/** UTF-8 sequences in a byte array, checked as strictly as the JDK's decoder checks them. */
final class Utf8 {
    private Utf8() {
    }

    /**
     * The length of the well-formed sequence starting at {@code i}, or 0 when it is not one: overlong, an encoded
     * surrogate (unless {@code surrogatesAllowed}), above U+10FFFF, a stray continuation byte or cut short.
     */
    static int sequenceLength(byte[] in, int i, int end, boolean surrogatesAllowed) {
        int lead = in[i] & 0xFF;
        if (lead < 0x80) {
            return 1;
        }
        int length;
        int secondMin = 0x80;
        int secondMax = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            if (lead == 0xE0) {
                secondMin = 0xA0;
            } else if (lead == 0xED && !surrogatesAllowed) {
                secondMax = 0x9F;
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            if (lead == 0xF0) {
                secondMin = 0x90;
            } else if (lead == 0xF4) {
                secondMax = 0x8F;
            }
        } else {
            return 0;
        }
        if (end - i < length) {
            return 0;
        }
        int second = in[i + 1] & 0xFF;
        if (second < secondMin || second > secondMax) {
            return 0;
        }
        for (int k = 2; k < length; k++) {
            if ((in[i + k] & 0xC0) != 0x80) {
                return 0;
            }
        }
        return length;
    }

    /** The code point of the well-formed sequence of {@code length} bytes at {@code i}. */
    static int codePoint(byte[] in, int i, int length) {
        int lead = in[i] & 0xFF;
        if (length == 1) {
            return lead;
        }
        int codePoint = length == 2 ? lead & 0x1F : length == 3 ? lead & 0x0F : lead & 0x07;
        for (int k = 1; k < length; k++) {
            codePoint = codePoint << 6 | in[i + k] & 0x3F;
        }
        return codePoint;
    }

    /** How many UTF-16 units the bytes from {@code from} to {@code to} decode to. */
    static int units(byte[] in, int from, int to) {
        int units = 0;
        for (int i = from; i < to; i++) {
            int b = in[i] & 0xFF;
            if ((b & 0xC0) != 0x80) {
                units += b >= 0xF0 ? 2 : 1;
            }
        }
        return units;
    }

    /**
     * The first {@code count} UTF-16 units from {@code from}, or fewer if the input ends first; a byte that starts no
     * well-formed sequence reads as U+FFFD (the caller reports such input as not UTF-8 anyway).
     */
    static String firstUnits(byte[] in, int from, int end, int count) {
        StringBuilder units = new StringBuilder(count + 1);
        int i = from;
        while (i < end && units.length() < count) {
            int length = sequenceLength(in, i, end, true);
            if (length == 0) {
                units.append('\uFFFD');
                i++;
            } else {
                units.appendCodePoint(codePoint(in, i, length));
                i += length;
            }
        }
        units.setLength(Math.min(units.length(), count));
        return units.toString();
    }
}
