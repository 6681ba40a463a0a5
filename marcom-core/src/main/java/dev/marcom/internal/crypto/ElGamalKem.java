package dev.marcom.internal.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import javax.crypto.KeyAgreement;
import javax.crypto.interfaces.DHPrivateKey;
import javax.crypto.interfaces.DHPublicKey;
import javax.crypto.spec.DHParameterSpec;
import javax.crypto.spec.DHPrivateKeySpec;
import javax.crypto.spec.DHPublicKeySpec;
import org.bouncycastle.crypto.params.DHPrivateKeyParameters;
import org.bouncycastle.crypto.params.DHPublicKeyParameters;
import org.bouncycastle.util.BigIntegers;

/**
 * ElGamal in an RFC 7919 group as a {@link Kem}: the receiver's key is y = g^x, encapsulation
 * picks r and sends c1 = g^r with the shared secret z = y^r, decapsulation computes z = c1^x. With
 * {@link KeyTransport} on top this is hashed ElGamal (DHIES): the IND-CCA2 way to "encrypt a random
 * AES key to an ElGamal public key", unlike textbook ElGamal (c2 = m·y^r), which is malleable.
 *
 * <p>Public-value validation comes from BouncyCastle's DH classes ({@link DHPublicKeyParameters}
 * rejects values outside [2, p-2] and, for these safe primes, outside the order-q subgroup by a
 * Legendre-symbol test); key generation and the agreement come from the JDK's SunJCE
 * DiffieHellman, measured faster (see {@code generate} and {@code agree}).
 */
public final class ElGamalKem implements Kem {
    private static final ElGamalKem FFDHE2048 = new ElGamalKem(DhGroup.FFDHE2048);
    private static final ElGamalKem FFDHE3072 = new ElGamalKem(DhGroup.FFDHE3072);
    private static final byte[] LABEL = "MARCOM v1 elgamal kem".getBytes(StandardCharsets.US_ASCII);

    private final DhGroup group;

    private ElGamalKem(DhGroup group) {
        this.group = group;
    }

    /**
     * Returns the mechanism in {@code group}.
     *
     * @param group an RFC 7919 group
     * @return its ElGamal KEM
     */
    public static ElGamalKem of(DhGroup group) {
        return group == DhGroup.FFDHE2048 ? FFDHE2048 : FFDHE3072;
    }

    /** An ElGamal key pair in {@code group}. */
    public record KeyPair(DhGroup group, DHPrivateKeyParameters privateKey, byte[] publicValue) implements Kem.KeyPair {
        @Override
        public byte[] publicKey() {
            return publicValue;
        }
    }

    /** The group this mechanism works in. */
    public DhGroup group() {
        return group;
    }

    @Override
    public String family() {
        return "ElGamal";
    }

    @Override
    public byte[] label() {
        return LABEL.clone();
    }

    @Override
    public KeyPair generateKeyPair(SecureRandom random) {
        return generate(group, random);
    }

    /**
     * A group element that passed {@link #validate}: a peer's public key y or ciphertext c1, with
     * the decoded value the agreement uses.
     */
    static final class Element implements Kem.CheckedPublicKey, Kem.CheckedCiphertext {
        private final ElGamalKem kem;
        private final byte[] encoded;
        private final DHPublicKeyParameters value;

        private Element(ElGamalKem kem, byte[] encoded) {
            this.kem = kem;
            this.encoded = encoded.clone();
            this.value = validate(kem.group, this.encoded);
        }

        @Override
        public Kem kem() {
            return kem;
        }

        @Override
        public byte[] encoded() {
            return encoded.clone();
        }

        @Override
        public String toString() {
            return "element of " + kem.group.label();
        }
    }

    @Override
    public Element checkPublicKey(byte[] publicKey) {
        return new Element(this, publicKey);
    }

    @Override
    public Element checkCiphertext(byte[] ciphertext) {
        return new Element(this, ciphertext);
    }

    @Override
    public Encapsulation encapsulate(Kem.CheckedPublicKey publicKey, SecureRandom random) {
        return encapsulate(publicKey, OneTimeKeys.fresh(random), random);
    }

    /** c1 = g^r and z = y^r for the one-time pair (r, g^r) that {@code keys} hands out. */
    @Override
    public Encapsulation encapsulate(Kem.CheckedPublicKey publicKey, OneTimeKeys keys, SecureRandom random) {
        DHPublicKeyParameters peer = own(publicKey).value;
        Kem.KeyPair taken = keys.take(this);
        if (!(taken instanceof KeyPair ephemeral) || ephemeral.group() != group) {
            throw new IllegalArgumentException("a one-time key pair of another mechanism given to " + this);
        }
        try {
            return new Encapsulation(ephemeral.publicValue().clone(), agree(group, ephemeral.privateKey(), peer));
        } finally {
            ephemeral.destroy();
        }
    }

    @Override
    public byte[] decapsulate(Kem.KeyPair keys, Kem.CheckedCiphertext ciphertext) {
        KeyPair own = (KeyPair) keys;
        DHPublicKeyParameters ephemeral = own(ciphertext).value;
        return agree(group, own.privateKey(), ephemeral);
    }

    /** The element, if this group's checks passed it; a value from another group or KEM is refused. */
    private Element own(Kem.CheckedValue checked) {
        if (checked instanceof Element e && e.kem.group == group) {
            return e;
        }
        throw new IllegalArgumentException("a value checked by " + checked.kem() + " given to " + this);
    }

    @Override
    public String toString() {
        return "ElGamal(" + group.label() + ")";
    }

    /**
     * Generates a key pair in {@code group} with the JDK's SunJCE {@code DiffieHellman} generator:
     * x of {@link DhGroup#exponentBits} bits from {@code random}, y = g^x mod p. BouncyCastle's
     * generator also checks its own y (a Legendre symbol, about 0.2 ms, a third of the generation
     * here), which cannot fail: g = 2 is a quadratic residue modulo these primes (p ≡ 7 mod 8), so
     * every power of it lies in the order-q subgroup. Peers' elements are still checked, by
     * {@link #validate}.
     */
    public static KeyPair generate(DhGroup group, SecureRandom random) {
        BigInteger p = group.params().getP();
        BigInteger g = group.params().getG();
        java.security.KeyPair kp;
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("DiffieHellman", "SunJCE");
            gen.initialize(new DHParameterSpec(p, g, group.exponentBits()), random);
            kp = gen.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's Diffie-Hellman key generation is unavailable", e);
        }
        BigInteger x = ((DHPrivateKey) kp.getPrivate()).getX();
        BigInteger y = ((DHPublicKey) kp.getPublic()).getY();
        return new KeyPair(
                group,
                new DHPrivateKeyParameters(x, group.params()),
                BigIntegers.asUnsignedByteArray(group.elementBytes(), y));
    }

    /**
     * Decodes and validates a group element: exactly {@code elementBytes} long, in [2, p-2], and in
     * the prime-order subgroup.
     *
     * @throws IllegalArgumentException if any check fails
     */
    public static DHPublicKeyParameters validate(DhGroup group, byte[] encoded) {
        if (encoded.length != group.elementBytes()) {
            throw new IllegalArgumentException("group element must be " + group.elementBytes() + " bytes");
        }
        BigInteger v = new BigInteger(1, encoded);
        BigInteger p = group.params().getP();
        if (v.compareTo(BigInteger.ONE) <= 0 || v.compareTo(p.subtract(BigInteger.ONE)) >= 0) {
            throw new IllegalArgumentException("group element out of range (must be 1 < v < p-1)");
        }
        // BouncyCastle repeats the range check and adds the subgroup (Legendre symbol) check; its
        // message ("Y value does not appear to be in correct group") is reworded for users.
        try {
            return new DHPublicKeyParameters(v, group.params());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "group element is not in the prime-order subgroup of " + group.label(), e);
        }
    }

    /**
     * z = pub^x mod p through the JDK's SunJCE {@code DiffieHellman} key agreement (a plain
     * modular exponentiation with the 256/320-bit exponent). BouncyCastle's DHBasicAgreement blinds
     * the exponent with a random multiple of q, which makes it full-size and measured about 7 times
     * slower; blinding protects an exponent that is used many times, and MARCOM's are used once.
     */
    private static byte[] agree(DhGroup group, DHPrivateKeyParameters priv, DHPublicKeyParameters pub) {
        BigInteger p = group.params().getP();
        BigInteger g = group.params().getG();
        try {
            KeyFactory kf = KeyFactory.getInstance("DiffieHellman", "SunJCE");
            KeyAgreement ka = KeyAgreement.getInstance("DiffieHellman", "SunJCE");
            ka.init(kf.generatePrivate(new DHPrivateKeySpec(priv.getX(), p, g)));
            ka.doPhase(kf.generatePublic(new DHPublicKeySpec(pub.getY(), p, g)), true);
            byte[] z = ka.generateSecret(); // fixed length: len(p), leading zeros kept
            if (z.length != group.elementBytes() || new BigInteger(1, z).equals(BigInteger.ONE)) {
                throw new IllegalArgumentException("degenerate shared value");
            }
            return z;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Diffie-Hellman agreement failed: " + e.getMessage(), e);
        }
    }
}
