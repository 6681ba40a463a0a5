package dev.marcom.internal.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.pqc.crypto.xwing.XWingKEMExtractor;
import org.bouncycastle.pqc.crypto.xwing.XWingKEMGenerator;
import org.bouncycastle.pqc.crypto.xwing.XWingKeyGenerationParameters;
import org.bouncycastle.pqc.crypto.xwing.XWingKeyPairGenerator;
import org.bouncycastle.pqc.crypto.xwing.XWingPrivateKeyParameters;
import org.bouncycastle.pqc.crypto.xwing.XWingPublicKeyParameters;

/**
 * The X-Wing hybrid KEM (draft-connolly-cfrg-xwing-kem: ML-KEM-768 and X25519, combined with
 * SHA3-256 over both shared secrets, the X25519 ciphertext and public key) as a {@link Kem}, on
 * BouncyCastle's implementation. Its shared secret is indistinguishable from random as long as
 * either ML-KEM-768 (against quantum adversaries) or X25519 (against classical ones) holds.
 *
 * <p>A public key is 1,216 bytes: the ML-KEM-768 encapsulation key (1,184) then the X25519 key
 * (32); the encapsulation key must pass FIPS 203 §7.2's modulus check (every coefficient below
 * q = 3329). A ciphertext is 1,120 bytes (1,088 + 32); FIPS 203 has no check on it beyond its
 * length, and a tampered one decapsulates to an unrelated secret (implicit rejection), which then
 * fails the key transport's authentication. The X-Wing draft does not require refusing a low-order
 * X25519 share (its combiner hashes the X25519 values in), but BouncyCastle's X25519 refuses an
 * all-zero result, and MARCOM reports that as the invalid value it is.
 */
public final class XWingKem implements Kem {
    /** The instance; the mechanism has no parameters. */
    public static final XWingKem INSTANCE = new XWingKem();

    /** Bytes of a public key. */
    public static final int PUBLIC_KEY_BYTES = 1216;

    /** Bytes of a ciphertext. */
    public static final int CIPHERTEXT_BYTES = 1120;

    /** Bytes of the ML-KEM-768 encapsulation key's polynomial vector, 3 × 256 12-bit values. */
    private static final int MLKEM_T_BYTES = 1152;

    private static final int MLKEM_Q = 3329;
    private static final byte[] LABEL = "MARCOM v1 x-wing kem".getBytes(StandardCharsets.US_ASCII);

    private XWingKem() {}

    /** A receiver's key pair: BouncyCastle's private key (its 32-byte seed) and the public key. */
    private record Keys(XWingPrivateKeyParameters privateKey, byte[] encoded) implements Kem.KeyPair {
        @Override
        public byte[] publicKey() {
            return encoded.clone();
        }
    }

    @Override
    public String family() {
        return "X-Wing";
    }

    @Override
    public byte[] label() {
        return LABEL.clone();
    }

    @Override
    public Kem.KeyPair generateKeyPair(SecureRandom random) {
        XWingKeyPairGenerator gen = new XWingKeyPairGenerator();
        gen.init(new XWingKeyGenerationParameters(random));
        var pair = gen.generateKeyPair();
        return new Keys(
                (XWingPrivateKeyParameters) pair.getPrivate(),
                ((XWingPublicKeyParameters) pair.getPublic()).getEncoded());
    }

    /**
     * Returns the 32-byte seed of a key pair, for tests and published vectors only.
     *
     * @param keys a key pair of this mechanism
     * @return the seed the private key expands from
     */
    public static byte[] privateSeed(Kem.KeyPair keys) {
        return ((Keys) keys).privateKey().getSeed();
    }

    /**
     * What both checked values hold: the encoding that passed its checks, and how it is named.
     * The two roles stay two types because their checks differ (a ciphertext is never checked as
     * a key).
     */
    abstract static class Checked {
        final byte[] encoded;
        private final String name;

        private Checked(byte[] encoded, String name) {
            this.encoded = encoded;
            this.name = name;
        }

        public Kem kem() {
            return INSTANCE;
        }

        public byte[] encoded() {
            return encoded.clone();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** An X-Wing public key that passed the length and modulus checks. */
    static final class CheckedKey extends Checked implements Kem.CheckedPublicKey {
        private CheckedKey(byte[] encoded) {
            super(encoded, "X-Wing public key");
        }
    }

    /** An X-Wing ciphertext that passed the length check. */
    static final class CheckedCiphertext extends Checked implements Kem.CheckedCiphertext {
        private CheckedCiphertext(byte[] encoded) {
            super(encoded, "X-Wing ciphertext");
        }
    }

    @Override
    public CheckedKey checkPublicKey(byte[] encoded) {
        byte[] publicKey = encoded.clone(); // checked and used from one copy the caller cannot change
        if (publicKey.length != PUBLIC_KEY_BYTES) {
            throw new IllegalArgumentException("an X-Wing public key must be " + PUBLIC_KEY_BYTES + " bytes");
        }
        // FIPS 203 §7.2: ByteEncode12(ByteDecode12(ek)) == ek, i.e. each 12-bit value is below q.
        for (int i = 0; i < MLKEM_T_BYTES; i += 3) {
            int b0 = publicKey[i] & 0xff;
            int b1 = publicKey[i + 1] & 0xff;
            int b2 = publicKey[i + 2] & 0xff;
            if ((b0 | (b1 & 0x0f) << 8) >= MLKEM_Q || (b1 >>> 4 | b2 << 4) >= MLKEM_Q) {
                throw new IllegalArgumentException("the ML-KEM-768 encapsulation key fails the modulus check");
            }
        }
        return new CheckedKey(publicKey);
    }

    @Override
    public CheckedCiphertext checkCiphertext(byte[] ciphertext) {
        if (ciphertext.length != CIPHERTEXT_BYTES) {
            throw new IllegalArgumentException("an X-Wing ciphertext must be " + CIPHERTEXT_BYTES + " bytes");
        }
        return new CheckedCiphertext(ciphertext.clone());
    }

    @Override
    public Encapsulation encapsulate(Kem.CheckedPublicKey publicKey, SecureRandom random) {
        if (!(publicKey instanceof CheckedKey checked)) {
            throw foreign(publicKey);
        }
        SecretWithEncapsulation s;
        try {
            s = new XWingKEMGenerator(random).generateEncapsulated(new XWingPublicKeyParameters(checked.encoded));
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("the X-Wing key's X25519 share is a low-order point", e);
        }
        return new Encapsulation(s.getEncapsulation(), s.getSecret());
    }

    @Override
    public byte[] decapsulate(Kem.KeyPair keys, Kem.CheckedCiphertext ciphertext) {
        if (!(ciphertext instanceof CheckedCiphertext checked)) {
            throw foreign(ciphertext);
        }
        try {
            return new XWingKEMExtractor(((Keys) keys).privateKey()).extractSecret(checked.encoded);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("the X-Wing ciphertext's X25519 share is a low-order point", e);
        }
    }

    private IllegalArgumentException foreign(Kem.CheckedValue checked) {
        return new IllegalArgumentException("a value checked by " + checked.kem() + " given to " + this);
    }

    @Override
    public String toString() {
        return "X-Wing";
    }
}
