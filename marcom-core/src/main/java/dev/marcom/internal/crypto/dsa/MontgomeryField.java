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
 * propagated inside a row, and a row's update {@code t[x] += a_i·b'[x] + m_i·N'[x]} (b' and N'
 * shifted to the row, see {@link #multiply}) is a plain loop that C2 vectorises (AVX-512
 * {@code vpmullq} where the CPU has it). R = 2^(28n) with
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
    /** Rows per block: the accumulator moves down a block's digits at once (see {@link #multiply}). */
    private static final int BLOCK = 8;
    /** Largest modulus this class accepts (the DSA sizes MARCOM uses go up to 3,072 bits). */
    static final int MAX_BITS = 3072;

    private final BigInteger p;
    private final int n;
    /** Copy r holds the modulus' digits from index r, zeros elsewhere (for {@link #multiply}). */
    private final long[][] shiftedModulus;

    private final long n0;
    private final int[] rSquared;
    private final long[] one;

    MontgomeryField(BigInteger p) {
        if (!supports(p)) {
            throw new IllegalArgumentException("modulus must be odd, > 1 and at most " + MAX_BITS + " bits");
        }
        this.p = p;
        this.n = (p.bitLength() + 2 + DIGIT_BITS - 1) / DIGIT_BITS;
        long[] modulus = digits(p, n);
        this.shiftedModulus = shifted(modulus, n);
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

    /** Fresh work buffers for {@link #multiply}; one per thread of work. */
    Scratch newScratch() {
        return new Scratch(n);
    }

    /** {@link #multiply}'s work buffers, reused from product to product by one thread. */
    static final class Scratch {
        /** The accumulator: n digits and a block's room above them. */
        final long[] acc;
        /** Copy r holds the second factor's digits from index r, zeros elsewhere. */
        final long[][] shifted;

        private Scratch(int n) {
            acc = new long[n + BLOCK];
            shifted = new long[BLOCK][n + BLOCK];
        }
    }

    /** {@value #BLOCK} copies of {@code digits}, copy r starting at index r, zeros elsewhere. */
    private static long[][] shifted(long[] digits, int n) {
        long[][] copies = new long[BLOCK][n + BLOCK];
        for (int r = 0; r < BLOCK; r++) {
            System.arraycopy(digits, 0, copies[r], r, n);
        }
        return copies;
    }

    /** 1 in Montgomery form (R mod p), a fresh array. */
    long[] one() {
        return one.clone();
    }

    /** {@code x mod p} in Montgomery form; {@code x} may be any integer, negative included. */
    long[] toMontgomery(BigInteger x, Scratch scratch) {
        BigInteger reduced = x.signum() >= 0 && x.compareTo(p) < 0 ? x : x.mod(p);
        long[] out = digits(reduced, n);
        multiply(rSquared, 0, out, out, scratch);
        return out;
    }

    /** The value (fully reduced, in [0, p)) of a Montgomery-form element. */
    BigInteger toBigInteger(long[] x, Scratch scratch) {
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
     * <p>One row per digit a_i of a adds a_i·b + m_i·N, m_i chosen to make the lowest digit zero,
     * which is then dropped. Rows go {@value #BLOCK} at a time, row r of a block starting at digit
     * r of the accumulator; it reads b and N from copies shifted by r digits, so that every array
     * in the row's loop is read at the same index as the accumulator is written. C2 (JDK 17)
     * vectorises only such loops; with b[j] read beside t[r + j], as this class first did, it
     * left 7 rows in 8 scalar (measured: 0.15 ns per digit product aligned, 0.43 misaligned). The
     * carry out of each dropped digit stays in a register rather than in the accumulator, so that
     * no row's vector loads wait for a scalar store.
     *
     * @param a the first factor, n digits from {@code a[aOff]} (a table row or a copy)
     * @param b the second factor, n digits; may be the same array as {@code out}
     * @param scratch buffers from {@link #newScratch()}
     */
    void multiply(int[] a, int aOff, long[] b, long[] out, Scratch scratch) {
        final int n = this.n;
        final long[][] shiftedN = this.shiftedModulus;
        final long[][] shiftedB = scratch.shifted;
        final long[] t = scratch.acc;
        final long k = this.n0;
        final long b0 = b[0];
        for (int r = 0; r < BLOCK; r++) {
            System.arraycopy(b, 0, shiftedB[r], r, n);
        }
        Arrays.fill(t, 0L);
        for (int i = 0; i < n; i += BLOCK) {
            int rows = Math.min(BLOCK, n - i);
            long carry = 0;
            for (int r = 0; r < rows; r++) {
                long ai = a[aOff + i + r];
                long mi = (((t[r] + carry + ai * b0) & MASK) * k) & MASK;
                row(t, r, r + n, ai, shiftedB[r], mi, shiftedN[r]);
                carry = (t[r] + carry) >>> DIGIT_BITS;
            }
            t[rows] += carry;
            System.arraycopy(t, rows, t, 0, n);
            Arrays.fill(t, n, n + BLOCK, 0L);
        }
        long carry = 0;
        for (int j = 0; j < n; j++) {
            long v = t[j] + carry;
            out[j] = v & MASK;
            carry = v >>> DIGIT_BITS;
        }
    }

    /**
     * One row: {@code t[x] += ai·b[x] + mi·nn[x]} for x in [from, to), b and N shifted to the row's
     * first digit. Every cell stays an unsigned column sum below 2^64 (see the class comment).
     */
    private static void row(long[] t, int from, int to, long ai, long[] b, long mi, long[] nn) {
        for (int x = from; x < to; x++) {
            t[x] += ai * b[x] + mi * nn[x];
        }
    }

    /** Sets {@code out} to x² R^-1 mod p; {@code copy} is an int buffer of n digits. */
    void square(long[] x, int[] copy, Scratch scratch) {
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
