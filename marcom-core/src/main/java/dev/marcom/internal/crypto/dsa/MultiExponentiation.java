package dev.marcom.internal.crypto.dsa;

import java.util.List;

/**
 * Products of powers {@code Π base_i^(e_i) mod p} of bases that have comb tables
 * ({@link CombTable}), in one squaring chain: Shamir's trick for fixed bases. With g's and y's
 * steady tables (10 columns each), g^u1·y^u2 costs 9 squarings and one multiplication per block
 * and column, instead of a squaring per exponent bit.
 *
 * <p>Not constant-time; for public values only (see {@link MontgomeryField}).
 */
final class MultiExponentiation {
    private MultiExponentiation() {}

    /** A table and the exponent it is raised to (little-endian words, below 2^capacityBits). */
    record Comb(CombTable table, long[] exponent) {}

    /** Returns the product in Montgomery form (below 2p), working in the caller's {@code scratch}. */
    static long[] product(MontgomeryField field, List<Comb> combs, MontgomeryField.Scratch scratch) {
        int columns = combs.get(0).table().columns();
        for (Comb c : combs) {
            if (c.table().columns() != columns || c.table().field() != field) {
                throw new IllegalArgumentException("combs must share the field and the column count");
            }
        }
        int n = field.digits();
        int[] copy = new int[n];
        long[] acc = new long[n];
        boolean started = false;
        for (int column = columns - 1; column >= 0; column--) {
            if (started) {
                field.square(acc, copy, scratch);
            }
            for (Comb c : combs) {
                started = c.table().multiplyColumn(acc, started, c.exponent(), column, scratch);
            }
        }
        return started ? acc : field.one();
    }
}
