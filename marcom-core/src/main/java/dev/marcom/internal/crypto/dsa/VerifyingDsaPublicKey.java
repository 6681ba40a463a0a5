package dev.marcom.internal.crypto.dsa;

import java.math.BigInteger;
import java.security.Key;
import java.security.interfaces.DSAParams;
import java.security.interfaces.DSAPublicKey;
import java.util.Arrays;

/**
 * A DSA public key that carries its own {@link DsaKeyVerifier}, so that whoever keeps the key (a
 * {@code PeerIdentity}, and through it a session) keeps the verifier's precomputed tables, without
 * any cache keyed by keys. Behaves as the wrapped key in every other respect: same values, same
 * encoding, equal to it, serialised as it.
 */
public final class VerifyingDsaPublicKey implements DSAPublicKey {
    private static final long serialVersionUID = 1L;

    private final DSAPublicKey key;
    private final transient DsaKeyVerifier verifier;

    private VerifyingDsaPublicKey(DSAPublicKey key, DsaKeyVerifier verifier) {
        this.key = key;
        this.verifier = verifier;
    }

    /**
     * Wraps {@code key} with a verifier of the kind the system property names now
     * ({@link DsaVerifierKind#fromSystemProperty()}); a key that already carries one is returned
     * as it is.
     */
    public static DSAPublicKey of(DSAPublicKey key) {
        if (key instanceof VerifyingDsaPublicKey) {
            return key;
        }
        return new VerifyingDsaPublicKey(key, DsaKeyVerifier.of(key, DsaVerifierKind.fromSystemProperty()));
    }

    /** The verifier this key carries. */
    public DsaKeyVerifier verifier() {
        return verifier;
    }

    @Override
    public BigInteger getY() {
        return key.getY();
    }

    @Override
    public DSAParams getParams() {
        return key.getParams();
    }

    @Override
    public String getAlgorithm() {
        return key.getAlgorithm();
    }

    @Override
    public String getFormat() {
        return key.getFormat();
    }

    @Override
    public byte[] getEncoded() {
        return key.getEncoded();
    }

    /** Equal to any key with the same encoding, as the JDK's own keys are. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Key other)) {
            return false;
        }
        return Arrays.equals(getEncoded(), other.getEncoded());
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return key.toString();
    }

    /** Serialised as the wrapped key: the verifier's tables are a cache, not state. */
    private Object writeReplace() {
        return key;
    }
}
