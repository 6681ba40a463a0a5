package dev.marcom.identity;

import dev.marcom.Bytes;
import dev.marcom.Fingerprint;
import dev.marcom.MalformedInputException;
import dev.marcom.SignatureAlgorithm;
import dev.marcom.internal.crypto.SignatureScheme;
import dev.marcom.internal.crypto.SignatureSchemes;
import java.security.PublicKey;

/**
 * A public identity: the peer's X.509 SubjectPublicKeyInfo, its {@link SignatureAlgorithm} and
 * its {@link Fingerprint}. Instances are validated on construction by the algorithm's scheme: for
 * DSA, a supported size (2048/256 or 3072/256), a generator and a public value in the order-q
 * subgroup, in canonical DER.
 */
public final class PeerIdentity {
    private final Bytes encoded;
    private final PublicKey key;
    private final Fingerprint fingerprint;
    private final SignatureAlgorithm algorithm;

    private PeerIdentity(Bytes encoded, PublicKey key, SignatureAlgorithm algorithm) {
        this.encoded = encoded;
        this.key = key;
        this.algorithm = algorithm;
        this.fingerprint = Fingerprint.of(encoded.toByteArray());
    }

    /**
     * Decodes and validates a DER SubjectPublicKeyInfo.
     *
     * @param spki the encoded key; must be canonical DER, so that one key has one fingerprint
     * @return the validated identity
     * @throws MalformedInputException if it is not a key of a supported algorithm and size, or its
     *     values fail the algorithm's checks, or it is not in canonical DER form
     */
    public static PeerIdentity fromSubjectPublicKeyInfo(byte[] spki) throws MalformedInputException {
        SignatureScheme scheme = SignatureSchemes.forSubjectPublicKeyInfo(spki);
        PublicKey key = scheme.decodePublicKey(spki);
        return new PeerIdentity(Bytes.of(spki), key, scheme.algorithm());
    }

    /** For a key this library generated or derived and validated itself. */
    static PeerIdentity ofTrusted(PublicKey key, SignatureAlgorithm algorithm) {
        return new PeerIdentity(Bytes.of(key.getEncoded()), key, algorithm);
    }

    /**
     * Returns the encoded public key.
     *
     * @return the canonical DER X.509 SubjectPublicKeyInfo, including the domain parameters
     */
    public Bytes subjectPublicKeyInfo() {
        return encoded;
    }

    /**
     * Returns the public key as a JCA key, for verifying signatures.
     *
     * @return the validated public key, of this identity's {@link #algorithm()}
     */
    public PublicKey publicKey() {
        return key;
    }

    /**
     * Returns the key's fingerprint, which users pin or compare.
     *
     * @return the SHA-256 of {@link #subjectPublicKeyInfo()}
     */
    public Fingerprint fingerprint() {
        return fingerprint;
    }

    /**
     * Returns the algorithm this identity signs with.
     *
     * @return the algorithm (for DSA, with its parameter size)
     */
    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeerIdentity other && encoded.equals(other.encoded);
    }

    @Override
    public int hashCode() {
        return encoded.hashCode();
    }

    @Override
    public String toString() {
        return "PeerIdentity[" + fingerprint + ", " + algorithm.displayName() + "]";
    }
}
