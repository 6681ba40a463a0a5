package dev.marcom.internal.crypto.dsa;

import java.math.BigInteger;

/** Exponents as little-endian 64-bit words, and their bits. */
final class Exponents {
    private Exponents() {}

    /** The words of a non-negative {@code e} (at least one word). */
    static long[] words(BigInteger e) {
        byte[] be = e.toByteArray();
        long[] w = new long[Math.max(1, (be.length + 7) / 8)];
        for (int i = 0; i < be.length; i++) {
            int bit = 8 * (be.length - 1 - i);
            w[bit >>> 6] |= (be[i] & 0xFFL) << (bit & 63);
        }
        return w;
    }

    /** Bit {@code i} of {@code e} (0 beyond its words). */
    static int bit(long[] e, int i) {
        int w = i >>> 6;
        return w < e.length ? (int) (e[w] >>> (i & 63)) & 1 : 0;
    }
}
