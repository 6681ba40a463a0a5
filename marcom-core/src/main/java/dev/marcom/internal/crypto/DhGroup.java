package dev.marcom.internal.crypto;

import org.bouncycastle.crypto.agreement.DHStandardGroups;
import org.bouncycastle.crypto.params.DHParameters;

/**
 * The RFC 7919 safe-prime groups (p = 2q + 1, g = 2) used for ElGamal, with private exponents
 * sized to the group's strength rather than to p: RFC 7919 §5.2 estimates ffdhe2048 at 103 bits
 * and ffdhe3072 at 125 bits and asks for exponents of at least 225 and 275 bits; MARCOM uses 256
 * and 320 bits. Safe-prime groups have no small subgroups besides {1, p-1}, so short exponents
 * do not open the van Oorschot–Wiener attacks.
 */
public enum DhGroup {
    FFDHE2048("ffdhe2048", DHStandardGroups.rfc7919_ffdhe2048, 256),
    FFDHE3072("ffdhe3072", DHStandardGroups.rfc7919_ffdhe3072, 320);

    private final String label;
    // DHParameters is immutable in fact (final fields, no setters), though not annotated so.
    @SuppressWarnings("ImmutableEnumChecker")
    private final DHParameters params;

    private final int exponentBits;

    DhGroup(String label, DHParameters standard, int exponentBits) {
        this.label = label;
        this.exponentBits = exponentBits;
        this.params = new DHParameters(standard.getP(), standard.getG(), standard.getQ(), exponentBits);
    }

    public String label() {
        return label;
    }

    /** BouncyCastle parameters with q set (enables subgroup checks) and l = exponent bits. */
    public DHParameters params() {
        return params;
    }

    public int exponentBits() {
        return exponentBits;
    }

    /** Bytes of a group element on the wire: the length of p. */
    public int elementBytes() {
        return (params.getP().bitLength() + 7) / 8;
    }
}
