package dev.marcom.internal.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * ElGamal's idea on Curve25519, as a {@link Kem}: the receiver's key pair is (k, K = X25519(k, 9)),
 * the sender picks a fresh scalar e and sends c1 = X25519(e, 9), and both obtain the shared secret
 * z = X25519(e, K) = X25519(k, c1) (RFC 7748 §6.1). {@link KeyTransport} then hashes z with c1 and
 * K into the key that encrypts the transported secret, exactly as hashed ElGamal does in a
 * finite-field group.
 *
 * <p>Public values are 32-byte u-coordinates, decoded as RFC 7748 says (the top bit masked,
 * non-canonical values reduced), so every 32-byte string is a valid input; what must be refused is
 * a low-order point, which forces z to zero whatever the scalar: both sides refuse an all-zero z
 * (RFC 7748 §6.1, checked in constant time by BouncyCastle). Scalars come from the given
 * {@link SecureRandom}, are clamped, and are zeroed after use.
 */
public final class X25519Kem implements Kem {
    /** The instance; the mechanism has no parameters. */
    public static final X25519Kem INSTANCE = new X25519Kem();

    /** Bytes of a public key, a ciphertext and a shared secret. */
    public static final int BYTES = X25519.POINT_SIZE;

    private static final byte[] LABEL = "MARCOM v1 x25519 kem".getBytes(StandardCharsets.US_ASCII);

    private X25519Kem() {}

    /** A receiver's key pair: the private scalar, zeroed by {@link #destroy()}, and its public key. */
    private static final class Keys implements Kem.KeyPair {
        private final byte[] scalar;
        private final byte[] publicKey;

        Keys(byte[] scalar, byte[] publicKey) {
            this.scalar = scalar;
            this.publicKey = publicKey;
        }

        @Override
        public byte[] publicKey() {
            return publicKey.clone();
        }

        @Override
        public void destroy() {
            Arrays.fill(scalar, (byte) 0);
        }
    }

    @Override
    public String family() {
        return "X25519";
    }

    @Override
    public byte[] label() {
        return LABEL.clone();
    }

    @Override
    public Kem.KeyPair generateKeyPair(SecureRandom random) {
        byte[] k = new byte[X25519.SCALAR_SIZE];
        X25519.generatePrivateKey(random, k);
        byte[] pk = new byte[BYTES];
        X25519.generatePublicKey(k, 0, pk, 0);
        return new Keys(k, pk);
    }

    /**
     * A key pair from a given private scalar, for known-answer tests only (Wycheproof vectors).
     *
     * @param scalar the 32-byte private scalar, copied (clamped on use, as RFC 7748 says)
     * @return the key pair, whose public key is X25519(scalar, 9)
     */
    static Kem.KeyPair keyPair(byte[] scalar) {
        if (scalar.length != X25519.SCALAR_SIZE) {
            throw new IllegalArgumentException("an X25519 private scalar must be 32 bytes");
        }
        byte[] k = scalar.clone();
        byte[] pk = new byte[BYTES];
        X25519.generatePublicKey(k, 0, pk, 0);
        return new Keys(k, pk);
    }

    /**
     * Returns the private scalar of a key pair, for tests and published vectors only.
     *
     * @param keys a key pair of this mechanism
     * @return a copy of the clamped-on-use scalar
     */
    public static byte[] privateScalar(Kem.KeyPair keys) {
        return ((Keys) keys).scalar.clone();
    }

    /**
     * A 32-byte u-coordinate that passed the length check: a peer's public key K or ciphertext c1.
     * Low-order points pass it; the agreement refuses them (see the class comment).
     */
    static final class Point implements Kem.CheckedPublicKey, Kem.CheckedCiphertext {
        private final byte[] u;

        private Point(byte[] u) {
            this.u = u.clone();
        }

        @Override
        public Kem kem() {
            return INSTANCE;
        }

        @Override
        public byte[] encoded() {
            return u.clone();
        }

        @Override
        public String toString() {
            return "X25519 point";
        }
    }

    @Override
    public Point checkPublicKey(byte[] publicKey) {
        if (publicKey.length != BYTES) {
            throw new IllegalArgumentException("an X25519 public key must be 32 bytes");
        }
        return new Point(publicKey);
    }

    @Override
    public Point checkCiphertext(byte[] ciphertext) {
        if (ciphertext.length != BYTES) {
            throw new IllegalArgumentException("an X25519 ciphertext must be 32 bytes");
        }
        return new Point(ciphertext);
    }

    @Override
    public Encapsulation encapsulate(Kem.CheckedPublicKey publicKey, SecureRandom random) {
        return encapsulate(publicKey, OneTimeKeys.fresh(random), random);
    }

    /** c1 = X25519(e, 9) and z = X25519(e, u) for the one-time scalar e that {@code keys} hands out. */
    @Override
    public Encapsulation encapsulate(Kem.CheckedPublicKey publicKey, OneTimeKeys keys, SecureRandom random) {
        byte[] u = own(publicKey).u;
        Kem.KeyPair taken = keys.take(this);
        if (!(taken instanceof Keys ephemeral)) {
            throw new IllegalArgumentException("a one-time key pair of another mechanism given to " + this);
        }
        try {
            return new Encapsulation(ephemeral.publicKey.clone(), agree(ephemeral.scalar, u));
        } finally {
            ephemeral.destroy();
        }
    }

    @Override
    public byte[] decapsulate(Kem.KeyPair keys, Kem.CheckedCiphertext ciphertext) {
        return agree(((Keys) keys).scalar, own(ciphertext).u);
    }

    /** The point, if this mechanism checked it; a value checked by another KEM is refused. */
    private Point own(Kem.CheckedValue checked) {
        if (checked instanceof Point p) {
            return p;
        }
        throw new IllegalArgumentException("a value checked by " + checked.kem() + " given to " + this);
    }

    private static byte[] agree(byte[] scalar, byte[] u) {
        byte[] z = new byte[BYTES];
        if (!X25519.calculateAgreement(scalar, 0, u, 0, z, 0)) {
            throw new IllegalArgumentException("the X25519 shared secret is all zero (a low-order point)");
        }
        return z;
    }

    @Override
    public String toString() {
        return "X25519";
    }
}
