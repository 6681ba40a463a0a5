package dev.marcom.internal.crypto.dsa;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.interfaces.DSAParams;
import java.security.interfaces.DSAPublicKey;
import org.bouncycastle.crypto.CryptoServicesRegistrar;
import org.bouncycastle.crypto.params.DSAParameters;

/**
 * The published DSA parameter sets MARCOM generates identities with (BouncyCastle's 2048/256 set,
 * the JDK's 3072/256 set, as {@code internal.crypto.DsaDomainParameters}), each with two shared
 * comb tables of g, each built on first use: a first-use table (for keys without their own table
 * yet: handshakes, a peer's first messages) and a larger steady table, built when the first key
 * of the set gets its own table of y, which it shares a squaring chain with. Lazily initialised holders: nothing here changes after
 * initialisation. The values are looked up again here rather than taken from
 * {@code DsaDomainParameters} because {@code internal.crypto} uses this package, not the reverse.
 */
final class PublishedDomains {
    private PublishedDomains() {}

    /** The published domain equal to {@code params} with its first-use table of g, or null. */
    static DsaDomain firstUse(DSAParams params) {
        return find(params, false);
    }

    /** The published domain equal to {@code params} with its steady table of g, or null. */
    static DsaDomain steady(DSAParams params) {
        return find(params, true);
    }

    private static DsaDomain find(DSAParams params, boolean steady) {
        BigInteger p = params.getP();
        if (p == null) {
            return null;
        }
        int bits = p.bitLength();
        if (bits == 2048 && Values.DSA_2048.matches(params)) {
            return steady ? Steady2048.DOMAIN : FirstUse2048.DOMAIN;
        }
        if (bits == 3072 && Values.DSA_3072.matches(params)) {
            return steady ? Steady3072.DOMAIN : FirstUse3072.DOMAIN;
        }
        return null;
    }

    /** The parameter values alone (cheap to initialise). */
    private static final class Values {
        static final DsaDomain DSA_2048 = bouncyCastle2048();
        static final DsaDomain DSA_3072 = jdk3072();

        private static DsaDomain bouncyCastle2048() {
            DSAParameters p =
                    CryptoServicesRegistrar.getSizedProperty(CryptoServicesRegistrar.Property.DSA_DEFAULT_PARAMS, 2048);
            return DsaDomain.of(p.getP(), p.getQ(), p.getG());
        }

        private static DsaDomain jdk3072() {
            try {
                // The SUN provider's 3072-bit default is a precomputed FIPS 186-4 set with N = 256.
                KeyPairGenerator gen = KeyPairGenerator.getInstance("DSA", "SUN");
                gen.initialize(3072);
                DSAParams p = ((DSAPublicKey) gen.generateKeyPair().getPublic()).getParams();
                return DsaDomain.of(p.getP(), p.getQ(), p.getG());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("DSA key generation unavailable", e);
            }
        }
    }

    private static final class FirstUse2048 {
        static final DsaDomain DOMAIN =
                Values.DSA_2048.withTable(DsaDomain.FIRST_USE_G_TEETH, DsaDomain.FIRST_USE_COLUMNS);
    }

    private static final class FirstUse3072 {
        static final DsaDomain DOMAIN =
                Values.DSA_3072.withTable(DsaDomain.FIRST_USE_G_TEETH, DsaDomain.FIRST_USE_COLUMNS);
    }

    private static final class Steady2048 {
        static final DsaDomain DOMAIN = Values.DSA_2048.withTable(DsaDomain.STEADY_G_TEETH, DsaDomain.STEADY_COLUMNS);
    }

    private static final class Steady3072 {
        static final DsaDomain DOMAIN = Values.DSA_3072.withTable(DsaDomain.STEADY_G_TEETH, DsaDomain.STEADY_COLUMNS);
    }
}
