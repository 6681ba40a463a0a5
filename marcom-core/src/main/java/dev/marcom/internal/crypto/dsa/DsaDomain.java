package dev.marcom.internal.crypto.dsa;

import java.math.BigInteger;
import java.security.interfaces.DSAParams;

/**
 * DSA domain parameters (p, q, g) prepared for verification: the Montgomery field of p, g in
 * Montgomery form and, optionally, a comb table of g. Immutable; the published parameter sets'
 * instances are shared by every key that uses them ({@link PublishedDomains}).
 */
final class DsaDomain {
    /**
     * Comb columns of the tables a key's first verifications use (g's alone): 16 squarings' worth
     * of chain, small tables.
     */
    static final int FIRST_USE_COLUMNS = 16;
    /** Teeth of the published sets' first-use tables of g: 2 blocks, 152 KB / 225 KB each. */
    static final int FIRST_USE_G_TEETH = 8;
    /**
     * Comb columns of the steady tables: g's and a key's y share one chain of 10 steps. With g at
     * {@value #STEADY_G_TEETH} teeth (2 blocks) and y at 9 (3 blocks), g^u1·y^u2 for 256-bit
     * exponents costs 9 squarings and 20 + 30 multiplications.
     */
    static final int STEADY_COLUMNS = 10;
    /** Teeth of the published sets' steady tables of g: 2 blocks, 4.8 MB / 7.2 MB each. */
    static final int STEADY_G_TEETH = 13;

    private final BigInteger p;
    private final BigInteger q;
    private final BigInteger g;
    private final MontgomeryField field;
    private final long[] gMontgomery;
    private final CombTable gTable;

    private DsaDomain(
            BigInteger p, BigInteger q, BigInteger g, MontgomeryField field, long[] gMontgomery, CombTable gTable) {
        this.p = p;
        this.q = q;
        this.g = g;
        this.field = field;
        this.gMontgomery = gMontgomery;
        this.gTable = gTable;
    }

    /** Whether this package verifies keys with these parameters (otherwise the JDK does). */
    static boolean supports(BigInteger p, BigInteger q) {
        return MontgomeryField.supports(p) && q.signum() > 0 && q.bitLength() <= 256;
    }

    /** Prepares parameters without a table of g (cheap: one reduction to find R² mod p). */
    static DsaDomain of(BigInteger p, BigInteger q, BigInteger g) {
        MontgomeryField field = new MontgomeryField(p);
        return new DsaDomain(p, q, g, field, field.toMontgomery(g, field.newScratch()), null);
    }

    /**
     * This domain with a comb table of g with {@code teeth} teeth and {@code columns} columns for
     * exponents below q.
     */
    DsaDomain withTable(int teeth, int columns) {
        CombTable table = CombTable.build(field, gMontgomery, q.bitLength(), teeth, columns);
        return new DsaDomain(p, q, g, field, gMontgomery, table);
    }

    boolean matches(DSAParams params) {
        return p.equals(params.getP()) && q.equals(params.getQ()) && g.equals(params.getG());
    }

    MontgomeryField field() {
        return field;
    }

    long[] gMontgomery() {
        return gMontgomery;
    }

    /** The comb table of g, or null. */
    CombTable gTable() {
        return gTable;
    }
}
