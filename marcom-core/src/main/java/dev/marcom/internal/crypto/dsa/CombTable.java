package dev.marcom.internal.crypto.dsa;

/**
 * A fixed-base comb table (Lim–Lee) for one public base B and exponents of up to {@code bits}
 * bits: immutable once built, so it may be shared between threads and verifications.
 *
 * <p>The exponent's bits are laid out as {@code blocks × teeth × columns}: bit
 * {@code (k·teeth + r)·columns + c} is tooth r of block k in column c. Block k's table holds, for
 * every non-empty set of teeth (a mask), the product of {@code B^(2^((k·teeth + r)·columns))} over
 * the teeth in the mask. {@code B^e} is then one squaring chain of {@code columns} steps, each
 * multiplying in one entry per block: about {@code bits / teeth} multiplications and
 * {@code columns - 1} squarings instead of a squaring per exponent bit. Several tables with the
 * same number of columns share one chain ({@link MultiExponentiation}).
 *
 * <p>Memory: {@code blocks · 2^teeth} entries of n {@code int} digits (n = 74 for a 2,048-bit and
 * 110 for a 3,072-bit modulus). For 256-bit exponents: with 16 columns, 8 teeth take 2 blocks
 * (152 KB at 2,048 bits, 225 KB at 3,072); with 10 columns, 9 teeth take 3 blocks (455 KB,
 * 676 KB) and 13 teeth 2 blocks (4.8 MB, 7.2 MB).
 */
final class CombTable {
    private final MontgomeryField field;
    private final int teeth;
    private final int columns;
    private final int blocks;
    private final int n;
    /** Entry (k, mask) starts at {@code ((k << teeth) + mask) · n}; mask 0 is unused. */
    private final int[] entries;

    private CombTable(MontgomeryField field, int teeth, int columns, int blocks, int[] entries) {
        this.field = field;
        this.teeth = teeth;
        this.columns = columns;
        this.blocks = blocks;
        this.n = field.digits();
        this.entries = entries;
    }

    /**
     * Builds the table of {@code base} (Montgomery form, below 2p) for exponents below 2^bits.
     * Costs about {@code (blocks·teeth - 1)·columns} squarings and {@code blocks·2^teeth}
     * multiplications.
     */
    static CombTable build(MontgomeryField field, long[] base, int bits, int teeth, int columns) {
        int n = field.digits();
        int blocks = Math.max(1, (bits + teeth * columns - 1) / (teeth * columns));
        int size = 1 << teeth;
        int[] entries = new int[blocks * size * n];
        MontgomeryField.Scratch scratch = field.newScratch();
        int[] copy = new int[n];
        long[] x = base.clone();
        long[] tmp = new long[n];
        for (int k = 0; k < blocks; k++) {
            for (int r = 0; r < teeth; r++) {
                if (k > 0 || r > 0) {
                    for (int s = 0; s < columns; s++) {
                        field.square(x, copy, scratch);
                    }
                }
                store(entries, ((k << teeth) + (1 << r)) * n, x, n);
            }
            for (int mask = 3; mask < size; mask++) {
                int low = mask & -mask;
                if (low == mask) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    tmp[j] = entries[((k << teeth) + low) * n + j];
                }
                field.multiply(entries, ((k << teeth) + (mask ^ low)) * n, tmp, tmp, scratch);
                store(entries, ((k << teeth) + mask) * n, tmp, n);
            }
        }
        return new CombTable(field, teeth, columns, blocks, entries);
    }

    private static void store(int[] entries, int off, long[] x, int n) {
        for (int j = 0; j < n; j++) {
            entries[off + j] = (int) x[j];
        }
    }

    MontgomeryField field() {
        return field;
    }

    int columns() {
        return columns;
    }

    /** The largest exponent bit length this table covers. */
    int capacityBits() {
        return blocks * teeth * columns;
    }

    /** Bytes held by the entries (for documentation and tests). */
    long sizeBytes() {
        return 4L * entries.length;
    }

    /**
     * Multiplies {@code acc} by this column's entries for exponent {@code e} (little-endian 64-bit
     * words). Returns false, leaving {@code acc} untouched, when {@code started} is false and the
     * column has no bit set; when {@code started} is false, the first entry is copied instead of
     * multiplied into the implicit 1.
     */
    boolean multiplyColumn(long[] acc, boolean started, long[] e, int column, MontgomeryField.Scratch scratch) {
        boolean s = started;
        for (int k = 0; k < blocks; k++) {
            int mask = 0;
            for (int r = 0; r < teeth; r++) {
                int bit = (k * teeth + r) * columns + column;
                mask |= Exponents.bit(e, bit) << r;
            }
            if (mask == 0) {
                continue;
            }
            int off = ((k << teeth) + mask) * n;
            if (s) {
                field.multiply(entries, off, acc, acc, scratch);
            } else {
                for (int j = 0; j < n; j++) {
                    acc[j] = entries[off + j];
                }
                s = true;
            }
        }
        return s;
    }
}
