package dev.marcom.internal.crypto.dsa;

import java.math.BigInteger;
import java.security.interfaces.DSAParams;
import java.security.interfaces.DSAPublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.util.BigIntegers;

/**
 * Verifies DSA signatures made with one public key, with MARCOM's own arithmetic: the same
 * decision as the JDK's {@code SHA256withDSA} (FIPS 186-4 §4.7, with the JDK's digest
 * truncation), computed as one multi-exponentiation g^u1·y^u2 mod p.
 *
 * <p>Until the key has been used for {@value #TABLE_AFTER} verifications, g^u1 comes from g's
 * first-use comb table, shared per published parameter set ({@link PublishedDomains}), and y^u2
 * from {@link BigInteger#modPow} (backed by the JDK's Montgomery intrinsics, about twice as fast
 * per multiplication as this package's Java code, so a table-less chain of ours would lose). So a
 * key used once (a handshake) never pays for a table of its own. At that verification the key's
 * comb table of y is built (455 KB for a 2,048-bit p, 676 KB for 3,072; about 1,800 modular
 * multiplications), with g's steady table (shared per published set; a key of other parameters
 * gets its own, as large as y's): from then on g^u1·y^u2 is one chain of 9 squarings and about
 * 50 multiplications, instead of about 255 squarings and 50 multiplications for y^u2 alone.
 * Whoever keeps this object keeps the tables ({@link VerifyingDsaPublicKey} lets a key carry it,
 * and {@code PeerIdentityCache} keeps a returning peer's key across sessions).
 *
 * <p>Thread-safe: tables are immutable and published through an atomic reference.
 *
 * <p><b>Security:</b> the arithmetic is not constant-time, which is sound only because every
 * input of verification is public (p, q, g, y, the signature, the message's hash); this class
 * never sees a secret. Keys whose parameters it does not handle (p even, over 3,072 bits, q over
 * 256 bits) are left to the JDK: {@link #usesOwnArithmetic()} says which.
 */
public final class DsaKeyVerifier {
    /**
     * Verifications of one key before its tables are built: a key used for a handshake and a few
     * messages never costs table memory; a peer that keeps sending does, from its 16th signature.
     */
    public static final int TABLE_AFTER = 16;
    /** Teeth of a key's own comb tables (y, and g of unpublished parameters): 3 blocks. */
    static final int KEY_TEETH = 9;

    private final DsaVerifierKind kind;
    private final BigInteger p;
    private final BigInteger q;
    private final BigInteger g;
    private final BigInteger y;
    private final DSAParams params;
    private final boolean supported;
    private final AtomicInteger verifications = new AtomicInteger();
    private final AtomicReference<Tables> tables;

    /**
     * The prepared domain: with g's first-use table until y's table is built (null for
     * unpublished parameters), then with g's steady table; and y's table (null until built).
     */
    private record Tables(DsaDomain domain, CombTable yTable) {}

    private DsaKeyVerifier(DSAPublicKey key, DsaVerifierKind kind) {
        this.kind = kind;
        this.params = key.getParams();
        this.y = key.getY();
        this.p = params == null ? null : params.getP();
        this.q = params == null ? null : params.getQ();
        this.g = params == null ? null : params.getG();
        this.supported = p != null && q != null && g != null && y != null && DsaDomain.supports(p, q);
        this.tables = new AtomicReference<>(new Tables(
                supported && kind == DsaVerifierKind.MARCOM ? PublishedDomains.firstUse(params) : null, null));
    }

    /**
     * A verifier for {@code key}.
     *
     * @param kind {@link DsaVerifierKind#JDK} makes {@link #usesOwnArithmetic()} false
     */
    public static DsaKeyVerifier of(DSAPublicKey key, DsaVerifierKind kind) {
        return new DsaKeyVerifier(key, kind);
    }

    /** The kind this verifier was made with. */
    public DsaVerifierKind kind() {
        return kind;
    }

    /**
     * Whether {@link #verify} may be used: the kind is {@link DsaVerifierKind#MARCOM} and the key's
     * parameters are ones this package handles. Otherwise the caller verifies with the JDK.
     */
    public boolean usesOwnArithmetic() {
        return kind == DsaVerifierKind.MARCOM && supported;
    }

    /**
     * Decides a signature (r, s) over a message whose digest is {@code digest}, exactly as the
     * JDK's DSA does once it has decoded r and s: 0 &lt; r &lt; q, 0 &lt; s &lt; q,
     * w = s^-1 mod q, z = the leftmost ⌊N/8⌋ bytes of the digest (N = q's bit length),
     * u1 = z·w mod q, u2 = r·w mod q, and accept iff ((g^u1·y^u2) mod p) mod q = r.
     *
     * @throws IllegalStateException if {@link #usesOwnArithmetic()} is false
     */
    public boolean verify(byte[] digest, BigInteger r, BigInteger s) {
        if (!usesOwnArithmetic()) {
            throw new IllegalStateException("this verifier leaves the key to the JDK");
        }
        if (r.signum() <= 0 || s.signum() <= 0 || r.compareTo(q) >= 0 || s.compareTo(q) >= 0) {
            return false;
        }
        BigInteger w;
        try {
            // BouncyCastle's variable-time inverse (safegcd) takes about 1.6 µs for a 256-bit q,
            // BigInteger.modInverse about 10; s is public, so variable time is fine. An even q
            // (a malformed key) goes to the JDK, which also handles even moduli.
            w = q.testBit(0) ? BigIntegers.modOddInverseVar(q, s) : s.modInverse(q);
        } catch (ArithmeticException e) {
            // Only for a composite q sharing a factor with s; the JDK throws here.
            return false;
        }
        int zBytes = q.bitLength() / 8;
        byte[] z = zBytes < digest.length ? Arrays.copyOf(digest, zBytes) : digest;
        BigInteger u1 = new BigInteger(1, z).multiply(w).mod(q);
        BigInteger u2 = r.multiply(w).mod(q);
        return power(u1, u2).mod(q).equals(r);
    }

    /** (g^u1·y^u2) mod p, for u1, u2 in [0, q). */
    BigInteger power(BigInteger u1, BigInteger u2) {
        Tables current = tables.get();
        if (verifications.incrementAndGet() == TABLE_AFTER && current.yTable() == null) {
            current = build();
            tables.set(current);
        }
        DsaDomain d = current.domain();
        if (current.yTable() != null) {
            MontgomeryField field = d.field();
            MontgomeryField.Scratch scratch = field.newScratch();
            long[] acc = MultiExponentiation.product(
                    field,
                    List.of(
                            new MultiExponentiation.Comb(d.gTable(), Exponents.words(u1)),
                            new MultiExponentiation.Comb(current.yTable(), Exponents.words(u2))),
                    scratch);
            return field.toBigInteger(acc, scratch);
        }
        // No table of y yet: a sliding-window exponentiation of our own would cost about 255
        // squarings, each about twice the JDK's Montgomery intrinsic; BigInteger.modPow is faster.
        BigInteger yPart = y.modPow(u2, p);
        BigInteger gPart;
        if (d != null && d.gTable() != null) {
            MontgomeryField field = d.field();
            MontgomeryField.Scratch scratch = field.newScratch();
            long[] acc = MultiExponentiation.product(
                    field, List.of(new MultiExponentiation.Comb(d.gTable(), Exponents.words(u1))), scratch);
            gPart = field.toBigInteger(acc, scratch);
        } else {
            gPart = g.modPow(u1, p);
        }
        return gPart.multiply(yPart).mod(p);
    }

    private Tables build() {
        DsaDomain domain = PublishedDomains.steady(params);
        if (domain == null) {
            domain = DsaDomain.of(p, q, g).withTable(KEY_TEETH, DsaDomain.STEADY_COLUMNS);
        }
        MontgomeryField field = domain.field();
        CombTable yTable = CombTable.build(
                field, field.toMontgomery(y, field.newScratch()), q.bitLength(), KEY_TEETH, DsaDomain.STEADY_COLUMNS);
        return new Tables(domain, yTable);
    }

    /** Whether this key's own comb table of y has been built (for tests and benchmarks). */
    boolean hasKeyTable() {
        return tables.get().yTable() != null;
    }
}
