package dev.marcom.identity;

import dev.marcom.Fingerprint;
import dev.marcom.MalformedInputException;
import dev.marcom.SignatureAlgorithm;
import dev.marcom.internal.crypto.SignatureScheme;
import dev.marcom.internal.crypto.SignatureSchemes;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;

/**
 * A long-term identity key pair: signs this side's handshake and every message it sends. Its
 * {@link SignatureAlgorithm} is fixed by its key; everything algorithm-specific (key generation,
 * formats, checks, signing) is behind the library's signature-scheme seam.
 *
 * <p>DSA generation uses published domain parameters (BouncyCastle's 2048/256 set, the JDK's
 * precomputed 3072/256 set), so it takes milliseconds, and the key pair itself comes from the
 * JDK's SUN provider. The private key never appears in {@link #toString()}.
 */
public final class Identity {
    private final PrivateKey privateKey;
    private final PeerIdentity publicIdentity;

    private Identity(PrivateKey privateKey, PeerIdentity publicIdentity) {
        this.privateKey = privateKey;
        this.publicIdentity = publicIdentity;
    }

    /**
     * Generates a fresh identity.
     *
     * @param algorithm the signature algorithm
     * @param random the source of the private key
     * @return the new identity
     * @throws IllegalStateException if the JDK's SUN provider offers no DSA key generation
     */
    public static Identity generate(SignatureAlgorithm algorithm, SecureRandom random) {
        KeyPair kp = SignatureSchemes.of(algorithm).generateKeyPair(random);
        return new Identity(kp.getPrivate(), PeerIdentity.ofTrusted(kp.getPublic(), algorithm));
    }

    /**
     * Generates a fresh identity of the default size, {@link SignatureAlgorithm#DSA_2048_256}.
     *
     * @param random the source of the private key
     * @return the new identity
     * @throws IllegalStateException if the JDK's SUN provider offers no DSA key generation
     */
    public static Identity generate(SecureRandom random) {
        return generate(SignatureAlgorithm.DSA_2048_256, random);
    }

    /**
     * Loads an identity from a DER PKCS#8 DSA private key; the public key is recomputed from it.
     * For files, use {@link IdentityFiles}, which also checks the stored public key.
     *
     * @param pkcs8 an unencrypted DER PKCS#8 PrivateKeyInfo holding a DSA key of a supported size
     * @return the identity
     * @throws MalformedInputException if the bytes are not a supported DSA private key with
     *     0 &lt; x &lt; q
     */
    public static Identity fromPkcs8(byte[] pkcs8) throws MalformedInputException {
        SignatureScheme scheme = SignatureSchemes.forPkcs8(pkcs8);
        KeyPair kp = scheme.decodePrivateKey(pkcs8);
        return new Identity(kp.getPrivate(), PeerIdentity.ofTrusted(kp.getPublic(), scheme.algorithm()));
    }

    /**
     * Returns the private key, unencrypted. Handle with care: it is the identity.
     *
     * @return a fresh array holding the DER PKCS#8 PrivateKeyInfo
     */
    public byte[] privateKeyPkcs8() {
        return privateKey.getEncoded();
    }

    /**
     * Returns the private key, for signing inside the library.
     *
     * @return the private key, of this identity's {@link #algorithm()}
     */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /**
     * Returns the public half, as peers see it.
     *
     * @return the public key with its size and fingerprint
     */
    public PeerIdentity publicIdentity() {
        return publicIdentity;
    }

    /**
     * Returns the algorithm this identity signs with.
     *
     * @return the same as {@code publicIdentity().algorithm()}
     */
    public SignatureAlgorithm algorithm() {
        return publicIdentity.algorithm();
    }

    /**
     * Returns the fingerprint of the public key, which peers pin or compare.
     *
     * @return the same as {@code publicIdentity().fingerprint()}
     */
    public Fingerprint fingerprint() {
        return publicIdentity.fingerprint();
    }

    @Override
    public String toString() {
        return "Identity[" + publicIdentity.fingerprint() + ", "
                + publicIdentity.algorithm().displayName() + "]";
    }
}
