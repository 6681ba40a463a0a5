package dev.marcom.internal.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;

/**
 * MARCOM's key transport over any {@link Kem}: the client encrypts a random 32-byte secret to the
 * server's one-time KEM public key (KEM + DEM, the IND-CCA2 way to "encrypt a key to a public
 * key"; with ElGamal as the KEM this is hashed ElGamal, DHIES).
 *
 * <pre>
 *   sender:   (c1, z) = KEM.encapsulate(pk)
 *             kek = HKDF-SHA256(salt = context, ikm = z, info = KEM.label ‖ c1 ‖ pk)
 *             c2  = AES-256-GCM(kek, nonce = 0^96, aad = context, secret)
 *   receiver: z = KEM.decapsulate(sk, c1), same kek, secret = open(c2) or fail
 * </pre>
 *
 * <p>The peer's value (pk at the sender, c1 at the receiver) comes in the KEM's checked type, so it
 * was validated once, by the caller, before it reached here (a handshake traces that check).
 *
 * <p>c2 is authenticated and the key depends on c1 and pk, so the ciphertext is not malleable; a
 * fixed zero nonce is safe because every kek is used exactly once.
 */
public final class KeyTransport {
    /** Bytes of the transported secret. */
    public static final int SECRET_BYTES = 32;
    /** Bytes of c2: the secret and the GCM tag. */
    public static final int C2_BYTES = SECRET_BYTES + AesGcm.TAG_BYTES;

    private static final byte[] ZERO_NONCE = new byte[AesGcm.NONCE_BYTES];

    private KeyTransport() {}

    /** The two parts of the transported secret's ciphertext. */
    public record Ciphertext(byte[] c1, byte[] c2) {}

    /**
     * Encrypts {@code secret} to {@code publicKey}.
     *
     * @param publicKey the receiver's public key, from {@code kem.checkPublicKey}
     * @throws IllegalArgumentException if the secret is not 32 bytes, another KEM checked the public
     *     key, or the encapsulation is degenerate
     */
    public static Ciphertext seal(
            Kem kem, Kem.CheckedPublicKey publicKey, byte[] secret, byte[] context, SecureRandom random) {
        return seal(kem, publicKey, secret, context, OneTimeKeys.fresh(random), random);
    }

    /**
     * Encrypts {@code secret} to {@code publicKey}, with the encapsulation's one-time key pair (of
     * a Diffie–Hellman-based KEM) from {@code keys}.
     *
     * @throws IllegalArgumentException if the secret is not 32 bytes or the public key was checked
     *     by another KEM
     */
    public static Ciphertext seal(
            Kem kem,
            Kem.CheckedPublicKey publicKey,
            byte[] secret,
            byte[] context,
            OneTimeKeys keys,
            SecureRandom random) {
        if (secret.length != SECRET_BYTES) {
            throw new IllegalArgumentException("secret must be 32 bytes");
        }
        Kem.Encapsulation e = kem.encapsulate(publicKey, keys, random);
        byte[] kek = kek(kem, e.sharedSecret(), context, e.ciphertext(), publicKey.encoded());
        try {
            return new Ciphertext(e.ciphertext(), new AesGcm(kek).seal(ZERO_NONCE, context, secret));
        } finally {
            Arrays.fill(e.sharedSecret(), (byte) 0);
            Arrays.fill(kek, (byte) 0);
        }
    }

    /**
     * Recovers the secret.
     *
     * @param c1 the KEM ciphertext, from {@code kem.checkCiphertext}
     * @throws IllegalArgumentException if c2 has the wrong size, another KEM checked c1, or the
     *     decapsulation is degenerate
     * @throws AEADBadTagException if c2 does not authenticate (wrong key, tampered, other context)
     */
    public static byte[] open(Kem kem, Kem.KeyPair keys, Kem.CheckedCiphertext c1, byte[] c2, byte[] context)
            throws AEADBadTagException {
        if (c2.length != C2_BYTES) {
            throw new IllegalArgumentException("c2 must be " + C2_BYTES + " bytes");
        }
        byte[] z = kem.decapsulate(keys, c1);
        byte[] kek = kek(kem, z, context, c1.encoded(), keys.publicKey());
        try {
            return new AesGcm(kek).open(ZERO_NONCE, context, c2);
        } finally {
            Arrays.fill(z, (byte) 0);
            Arrays.fill(kek, (byte) 0);
        }
    }

    private static byte[] kek(Kem kem, byte[] z, byte[] context, byte[] c1, byte[] publicKey) {
        byte[] label = kem.label();
        byte[] info = new byte[label.length + c1.length + publicKey.length];
        System.arraycopy(label, 0, info, 0, label.length);
        System.arraycopy(c1, 0, info, label.length, c1.length);
        System.arraycopy(publicKey, 0, info, label.length + c1.length, publicKey.length);
        return Hkdf.derive(context, z, info, AesGcm.KEY_BYTES);
    }
}
