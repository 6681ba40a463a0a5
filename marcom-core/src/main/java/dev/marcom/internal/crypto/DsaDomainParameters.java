package dev.marcom.internal.crypto;

import dev.marcom.SignatureAlgorithm;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.interfaces.DSAParams;
import java.security.interfaces.DSAPublicKey;
import java.security.spec.DSAParameterSpec;
import org.bouncycastle.crypto.CryptoServicesRegistrar;
import org.bouncycastle.crypto.params.DSAParameters;

/**
 * The published DSA domain parameter sets MARCOM generates identities with: BouncyCastle's
 * 2048/256 set and the JDK's precomputed 3072/256 set (FIPS 186-4 generated, verifiable seeds).
 */
final class DsaDomainParameters {
    private DsaDomainParameters() {}

    /** The parameters for {@code size}. */
    static DSAParameterSpec of(SignatureAlgorithm size) {
        return size == SignatureAlgorithm.DSA_2048_256 ? Holder.DSA_2048 : Holder.DSA_3072;
    }

    /** Whether {@code p} is one of the published sets (so its generator needs no check). */
    static boolean isKnown(DSAParams p) {
        return same(p, Holder.DSA_2048) || same(p, Holder.DSA_3072);
    }

    private static boolean same(DSAParams a, DSAParameterSpec b) {
        return a.getP().equals(b.getP())
                && a.getQ().equals(b.getQ())
                && a.getG().equals(b.getG());
    }

    /** Lazily computed constants (immutable once initialised). */
    private static final class Holder {
        static final DSAParameterSpec DSA_2048 = bouncyCastle2048();
        static final DSAParameterSpec DSA_3072 = jdk3072();

        private static DSAParameterSpec bouncyCastle2048() {
            DSAParameters p =
                    CryptoServicesRegistrar.getSizedProperty(CryptoServicesRegistrar.Property.DSA_DEFAULT_PARAMS, 2048);
            return new DSAParameterSpec(p.getP(), p.getQ(), p.getG());
        }

        private static DSAParameterSpec jdk3072() {
            try {
                // The SUN provider's 3072-bit default is a precomputed FIPS 186-4 set with N = 256.
                KeyPairGenerator gen = KeyPairGenerator.getInstance("DSA", "SUN");
                gen.initialize(3072);
                DSAParams p = ((DSAPublicKey) gen.generateKeyPair().getPublic()).getParams();
                if (p.getQ().bitLength() != 256) {
                    throw new IllegalStateException("unexpected JDK 3072-bit DSA parameters");
                }
                return new DSAParameterSpec(p.getP(), p.getQ(), p.getG());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("DSA key generation unavailable", e);
            }
        }
    }
}
