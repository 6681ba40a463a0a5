package dev.marcom.internal.crypto.dsa;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Montgomery arithmetic modulo one odd prime-sized modulus p of up to 3,072 bits, for DSA
 * <em>verification</em> only.
 *
 * <p>Numbers are little-endian arrays of 28-bit digits held in {@code long}s (tables hold them in
 * {@code int}s). A digit product is below 2^56, so a column of up to 2n products plus a carry fits
 * an unsigned 64-bit accumulator for n ≤ 127 digits (p up to 3,554 bits): no carry has to be
 * propagated inside a row, and the row update {@code t[c + j] += a_i·b[j] + m_i·N[j]} is a plain
 * loop that C2 vectorises (AVX-512 {@code vpmullq} where the CPU has it). R = 2^(28n) with
 * 4p &lt; R, so products of values below 2p stay below 2p without a final subtraction ("lazy"
 * reduction); {@link #toBigInteger} reduces fully.
 *
 * <p><b>Warning:</b> nothing here runs in constant time: running time and memory accesses depend
 * on the values. That is acceptable only because every input of DSA verification (p, q, g, y, r,
 * s, H(m)) is public. Never use this class with secret values (signing, key agreement).
 */
final class MontgomeryField {
    static final int DIGIT_BITS = 28;
    static final long MASK = (1L << DIGIT_BITS) - 1;
    /** Rows per block: the row loop is inlined with constant offsets 0..7 so it vectorises. */
    private static final int BLOCK = 8;
    /** Largest modulus this class accepts (the DSA sizes MARCOM uses go up to 3,072 bits). */
    static final int MAX_BITS = 3072;

    private final BigInteger p;
    private final int n;
    private final long[] modulus;
    private final long n0;
    private final int[] rSquared;
    private final long[] one;

    MontgomeryField(BigInteger p) {
        if (!supports(p)) {
            throw new IllegalArgumentException("modulus must be odd, > 1 and at most " + MAX_BITS + " bits");
        }
        this.p = p;
        this.n = (p.bitLength() + 2 + DIGIT_BITS - 1) / DIGIT_BITS;
        this.modulus = digits(p, n);
        // n0 = -p^-1 mod 2^28 by Newton iteration (each step doubles the correct low bits).
        long p0 = modulus[0];
        long inv = 1;
        for (int i = 0; i < 5; i++) {
            inv = inv * (2 - p0 * inv);
        }
        this.n0 = -inv & MASK;
        BigInteger r = BigInteger.ONE.shiftLeft(DIGIT_BITS * n);
        this.rSquared = toInts(digits(r.multiply(r).mod(p), n));
        this.one = digits(r.mod(p), n);
    }

    /** Whether {@code p} is a modulus this class handles: odd, greater than 1, at most 3,072 bits. */
    static boolean supports(BigInteger p) {
        return p.signum() > 0 && p.testBit(0) && p.bitLength() > 1 && p.bitLength() <= MAX_BITS;
    }

    /** The number of 28-bit digits of every element. */
    int digits() {
        return n;
    }

    /** A fresh scratch buffer for {@link #multiply}; one per thread of work. */
    long[] newScratch() {
        return new long[n + BLOCK];
    }

    /** 1 in Montgomery form (R mod p), a fresh array. */
    long[] one() {
        return one.clone();
    }

    /** {@code x mod p} in Montgomery form; {@code x} may be any integer, negative included. */
    long[] toMontgomery(BigInteger x, long[] scratch) {
        BigInteger reduced = x.signum() >= 0 && x.compareTo(p) < 0 ? x : x.mod(p);
        long[] out = digits(reduced, n);
        multiply(rSquared, 0, out, out, scratch);
        return out;
    }

    /** The value (fully reduced, in [0, p)) of a Montgomery-form element. */
    BigInteger toBigInteger(long[] x, long[] scratch) {
        int[] plainOne = new int[n];
        plainOne[0] = 1;
        long[] out = x.clone();
        multiply(plainOne, 0, out, out, scratch);
        BigInteger v = fromDigits(out);
        return v.compareTo(p) >= 0 ? v.subtract(p) : v;
    }

    /**
     * Sets {@code out} to a·b·R^-1 mod p, in [0, 2p) when a and b are in [0, 2p).
     *
     * @param a the first factor, n digits from {@code a[aOff]} (a table row or a copy)
     * @param b the second factor, n digits; may be the same array as {@code out}
     * @param scratch a buffer from {@link #newScratch()}
     */
    void multiply(int[] a, int aOff, long[] b, long[] out, long[] scratch) {
        final int n = this.n;
        final long[] nn = this.modulus;
        final long k = this.n0;
        final long[] t = scratch;
        Arrays.fill(t, 0L);
        int i = 0;
        int c = 0;
        while (i < n) {
            int rows = Math.min(BLOCK, n - i);
            int o = aOff + i;
            // Literal offsets, so that each inlined copy of row() has a constant offset: C2 vectorises
            // t[c + j] only when c is a compile-time constant.
            row(t, 0, a[o], b, nn, k, n);
            if (rows > 1) {
                row(t, 1, a[o + 1], b, nn, k, n);
            }
            if (rows > 2) {
                row(t, 2, a[o + 2], b, nn, k, n);
            }
            if (rows > 3) {
                row(t, 3, a[o + 3], b, nn, k, n);
            }
            if (rows > 4) {
                row(t, 4, a[o + 4], b, nn, k, n);
            }
            if (rows > 5) {
                row(t, 5, a[o + 5], b, nn, k, n);
            }
            if (rows > 6) {
                row(t, 6, a[o + 6], b, nn, k, n);
            }
            if (rows > 7) {
                row(t, 7, a[o + 7], b, nn, k, n);
            }
            i += rows;
            if (rows == BLOCK) {
                System.arraycopy(t, BLOCK, t, 0, n);
                Arrays.fill(t, n, n + BLOCK, 0L);
            } else {
                c = rows;
            }
        }
        long carry = 0;
        for (int j = 0; j < n; j++) {
            long v = t[c + j] + carry;
            out[j] = v & MASK;
            carry = v >>> DIGIT_BITS;
        }
    }

    /**
     * One row of Montgomery multiplication: adds a_i·b + m_i·N at offset c, with m_i chosen so that
     * the digit at c becomes 0 mod 2^28, and moves that digit's carry up. Every cell stays an
     * unsigned column sum below 2^64 (see the class comment).
     */
    private static void row(long[] t, int c, long ai, long[] b, long[] nn, long k, int n) {
        long mi = (((t[c] + ai * b[0]) & MASK) * k) & MASK;
        for (int j = 0; j < n; j++) {
            t[c + j] += ai * b[j] + mi * nn[j];
        }
        t[c + 1] += t[c] >>> DIGIT_BITS;
    }

    /** Sets {@code out} to x² R^-1 mod p; {@code copy} is an int buffer of n digits. */
    void square(long[] x, int[] copy, long[] scratch) {
        for (int j = 0; j < n; j++) {
            copy[j] = (int) x[j];
        }
        multiply(copy, 0, x, x, scratch);
    }

    /** The 28-bit digits of a non-negative {@code x} below 2^(28·count). */
    static long[] digits(BigInteger x, int count) {
        byte[] be = x.toByteArray();
        long[] d = new long[count];
        long acc = 0;
        int bits = 0;
        int k = 0;
        for (int i = be.length - 1; i >= 0 && k < count; i--) {
            acc |= (be[i] & 0xFFL) << bits;
            bits += 8;
            if (bits >= DIGIT_BITS) {
                d[k++] = acc & MASK;
                acc >>>= DIGIT_BITS;
                bits -= DIGIT_BITS;
            }
        }
        if (k < count) {
            d[k] = acc & MASK;
        }
        return d;
    }

    static BigInteger fromDigits(long[] d) {
        byte[] be = new byte[(d.length * DIGIT_BITS + 7) / 8];
        long acc = 0;
        int bits = 0;
        int pos = be.length - 1;
        for (long digit : d) {
            acc |= digit << bits;
            bits += DIGIT_BITS;
            while (bits >= 8) {
                be[pos--] = (byte) acc;
                acc >>>= 8;
                bits -= 8;
            }
        }
        if (pos >= 0) {
            be[pos] = (byte) acc;
        }
        return new BigInteger(1, be);
    }

    static int[] toInts(long[] d) {
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (int) d[i];
        }
        return out;
    }
}
