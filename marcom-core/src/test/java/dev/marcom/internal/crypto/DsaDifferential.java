package dev.marcom.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcom.internal.crypto.dsa.DsaKeyVerifier;
import dev.marcom.internal.crypto.dsa.DsaVerifierKind;
import dev.marcom.testing.Choices;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.DSAParams;
import java.security.interfaces.DSAPrivateKey;
import java.security.interfaces.DSAPublicKey;
import java.security.spec.DSAParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.crypto.CryptoServicesRegistrar;
import org.bouncycastle.crypto.params.DSAParameters;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;

/**
 * Differential property of MARCOM's DSA verifier: for any key, message and signature bytes,
 * {@link Dsa} decides exactly as with the JDK's {@code SHA256withDSA} (the reference, reached
 * through {@link DsaVerifierKind#JDK}) — it never accepts what the JDK rejects nor rejects what
 * the JDK accepts. Written once against {@link Choices}; {@link DsaDifferentialPropertiesTest}
 * runs it over seeded cases, {@link DsaDifferentialFuzzTest} under Jazzer.
 *
 * <p>Each input is decided three ways: by the JDK, by a fresh MARCOM verifier (no key table: g's
 * shared table or BigInteger) and by one long-lived MARCOM verifier per signer whose tables are
 * built (the path a session's messages take).
 */
final class DsaDifferential {
    /** Inputs compared so far in this JVM, and how many of them the JDK accepted. */
    static final AtomicLong CASES = new AtomicLong();

    static final AtomicLong ACCEPTED = new AtomicLong();
    /** Inputs that reached the exponentiation on the JDK side (not rejected by decoding/range). */
    static final AtomicLong FULL = new AtomicLong();

    private DsaDifferential() {}

    /** An honest key pair and the long-lived MARCOM verifier of its public key. */
    record Signer(String name, DSAPrivateKey privateKey, DSAPublicKey publicKey, DsaKeyVerifier warm) {}

    /** A public key with arbitrary values; the JDK's DSA reads only getY() and getParams(). */
    record RawKey(BigInteger y, DSAParams params) implements DSAPublicKey {
        private static final long serialVersionUID = 1L;

        @Override
        public BigInteger getY() {
            return y;
        }

        @Override
        public DSAParams getParams() {
            return params;
        }

        @Override
        public String getAlgorithm() {
            return "DSA";
        }

        @Override
        public String getFormat() {
            return null;
        }

        @Override
        public byte[] getEncoded() {
            return null;
        }
    }

    record Params(BigInteger p, BigInteger q, BigInteger g) implements DSAParams {
        @Override
        public BigInteger getP() {
            return p;
        }

        @Override
        public BigInteger getQ() {
            return q;
        }

        @Override
        public BigInteger getG() {
            return g;
        }
    }

    /** The signers: the published sets (shared g tables) and JDK sets MARCOM does not publish. */
    static List<Signer> signers() {
        return Holder.SIGNERS;
    }

    private static final class Holder {
        static final List<Signer> SIGNERS = make();

        private static List<Signer> make() {
            try {
                List<Signer> out = new ArrayList<>();
                DSAParameters bc = CryptoServicesRegistrar.getSizedProperty(
                        CryptoServicesRegistrar.Property.DSA_DEFAULT_PARAMS, 2048);
                // Fixed randomness: the keys only choose test inputs.
                SecureRandom fixed = SecureRandom.getInstance("SHA1PRNG");
                fixed.setSeed(0x5EEDL);
                out.add(signer("published 2048/256", new DSAParameterSpec(bc.getP(), bc.getQ(), bc.getG()), 0, fixed));
                out.add(signer("published 3072/256", null, 3072, fixed));
                out.add(signer("JDK 2048", null, 2048, fixed));
                out.add(signer("JDK 1024", null, 1024, fixed));
                return List.copyOf(out);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private static Signer signer(String name, DSAParameterSpec spec, int size, SecureRandom r)
                throws GeneralSecurityException {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("DSA", "SUN");
            if (spec != null) {
                gen.initialize(spec, r);
            } else {
                gen.initialize(size, r);
            }
            KeyPair kp = gen.generateKeyPair();
            DSAPublicKey pub = (DSAPublicKey) kp.getPublic();
            DSAParams p = pub.getParams();
            String label = name + " (" + p.getP().bitLength() + "/" + p.getQ().bitLength() + ")";
            DsaKeyVerifier warm = DsaKeyVerifier.of(pub, DsaVerifierKind.MARCOM);
            // Past its table threshold, so that every later input takes the tables' path.
            byte[] msg = new byte[1];
            byte[] sig = Dsa.sign((DSAPrivateKey) kp.getPrivate(), msg);
            for (int i = 0; i < DsaKeyVerifier.TABLE_AFTER; i++) {
                if (!Dsa.isValid(warm, pub, msg, sig)) {
                    throw new IllegalStateException("warm-up signature does not verify");
                }
            }
            return new Signer(label, (DSAPrivateKey) kp.getPrivate(), pub, warm);
        }
    }

    /**
     * Decides one input the three ways and asserts they agree; returns the JDK's decision.
     *
     * @param warm the long-lived verifier of {@code key}, or null for a key made for this input
     */
    static boolean compare(DSAPublicKey key, DsaKeyVerifier warm, byte[] data, byte[] signature, String what) {
        boolean jdk = Dsa.isValid(DsaKeyVerifier.of(key, DsaVerifierKind.JDK), key, data, signature);
        boolean fresh = Dsa.isValid(DsaKeyVerifier.of(key, DsaVerifierKind.MARCOM), key, data, signature);
        assertThat(fresh).as("fresh MARCOM verifier vs JDK: %s", what).isEqualTo(jdk);
        if (warm != null) {
            boolean tabled = Dsa.isValid(warm, key, data, signature);
            assertThat(tabled)
                    .as("MARCOM verifier with tables vs JDK: %s", what)
                    .isEqualTo(jdk);
        }
        CASES.incrementAndGet();
        if (jdk) {
            ACCEPTED.incrementAndGet();
        }
        if (reachesExponentiation(key, signature)) {
            FULL.incrementAndGet();
        }
        return jdk;
    }

    private static boolean reachesExponentiation(DSAPublicKey key, byte[] signature) {
        try {
            BigInteger[] rs =
                    StandardDSAEncoding.INSTANCE.decode(key.getParams().getQ(), signature);
            return rs[0].signum() > 0 && rs[1].signum() > 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static byte[] der(BigInteger q, BigInteger r, BigInteger s) {
        // Encodes without range checks (BouncyCastle's encoder would refuse r >= q).
        byte[] rb = r.toByteArray();
        byte[] sb = s.toByteArray();
        int len = 2 + rb.length + 2 + sb.length;
        byte[] out = new byte[2 + len];
        out[0] = 0x30;
        out[1] = (byte) len;
        out[2] = 0x02;
        out[3] = (byte) rb.length;
        System.arraycopy(rb, 0, out, 4, rb.length);
        out[4 + rb.length] = 0x02;
        out[5 + rb.length] = (byte) sb.length;
        System.arraycopy(sb, 0, out, 6 + rb.length, sb.length);
        return out;
    }

    static BigInteger[] decode(BigInteger q, byte[] signature) {
        try {
            return StandardDSAEncoding.INSTANCE.decode(q, signature);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One case: a signer, a message and its valid signature, then {@code mutations} inputs derived
     * from them that reach the arithmetic (bit flips in r, s, the message or y; special r and s;
     * adversarial keys), and, if {@code cheap}, every truncation and header bit flip of the
     * encoding plus malformed variants (decided before any exponentiation).
     */
    static void run(Choices c, int mutations, boolean cheap) {
        List<Signer> all = signers();
        Signer signer = all.get(c.intIn(0, all.size() - 1));
        DSAPublicKey key = signer.publicKey();
        DSAParams params = key.getParams();
        BigInteger p = params.getP();
        BigInteger q = params.getQ();
        byte[] msg = c.rest(c.intIn(0, 64));
        byte[] sig = Dsa.sign(signer.privateKey(), msg);
        String base = signer.name();
        assertThat(compare(key, signer.warm(), msg, sig, base + " valid"))
                .as("valid signature")
                .isTrue();
        BigInteger[] rs = decode(q, sig);
        BigInteger r = rs[0];
        BigInteger s = rs[1];
        BigInteger[] specials = {
            BigInteger.ZERO,
            BigInteger.ONE,
            BigInteger.TWO,
            q.subtract(BigInteger.ONE),
            q,
            q.add(BigInteger.ONE),
            p,
            p.subtract(BigInteger.ONE)
        };
        for (int m = 0; m < mutations; m++) {
            int kind = c.intIn(0, 10);
            switch (kind) {
                case 0 ->
                    compare(
                            key,
                            signer.warm(),
                            msg,
                            der(q, r.flipBit(c.intIn(0, q.bitLength())), s),
                            base + " r bit flip");
                case 1 ->
                    compare(
                            key,
                            signer.warm(),
                            msg,
                            der(q, r, s.flipBit(c.intIn(0, q.bitLength()))),
                            base + " s bit flip");
                case 2 -> {
                    byte[] other = msg.length == 0 ? new byte[] {1} : msg.clone();
                    if (msg.length > 0) {
                        int bit = c.intIn(0, msg.length * 8 - 1);
                        other[bit / 8] ^= (byte) (1 << (bit % 8));
                    }
                    compare(key, signer.warm(), other, sig, base + " message bit flip");
                }
                case 3 -> compare(key, signer.warm(), msg, der(q, c.pick(specials), s), base + " special r");
                case 4 -> compare(key, signer.warm(), msg, der(q, r, c.pick(specials)), base + " special s");
                case 5 -> {
                    // r or s moved by a small amount, or swapped.
                    int d = c.intIn(-2, 2);
                    compare(
                            key,
                            signer.warm(),
                            msg,
                            c.bool() ? der(q, r.add(BigInteger.valueOf(d)), s) : der(q, s, r),
                            base + " r±/swap");
                }
                case 6 -> {
                    DSAPublicKey y2 = new RawKey(key.getY().flipBit(c.intIn(0, p.bitLength() - 1)), params);
                    compare(y2, null, msg, sig, base + " y bit flip");
                }
                case 7 -> adversarialY(c, signer, msg, sig);
                case 8 -> adversarialG(c, signer, msg, sig);
                case 9 -> adversarialQ(c, signer, msg, sig);
                default -> {
                    // A signature of another message by the same key.
                    byte[] other = c.bytes(c.intIn(0, 16));
                    compare(
                            key,
                            signer.warm(),
                            msg,
                            Dsa.sign(signer.privateKey(), other),
                            base + " other message's signature");
                }
            }
        }
        if (cheap) {
            cheapVariants(c, signer, msg, sig, q, p);
        }
    }

    private static void adversarialY(Choices c, Signer signer, byte[] msg, byte[] sig) {
        DSAParams params = signer.publicKey().getParams();
        BigInteger p = params.getP();
        BigInteger[] ys = {
            BigInteger.ZERO,
            BigInteger.ONE,
            p.subtract(BigInteger.ONE),
            p,
            p.add(BigInteger.ONE),
            BigInteger.TWO,
            p.add(signer.publicKey().getY()),
            signer.publicKey().getY().negate(),
            new BigInteger(p.bitLength() - 1, new java.util.Random(c.seed()))
        };
        int which = c.intIn(0, ys.length - 1);
        DSAPublicKey key = new RawKey(ys[which], params);
        byte[] signature = sig;
        if ((which == 1 || which == 2) && c.bool()) {
            // y = 1 (or p - 1, whose powers are ±1): a signature anyone can make, which the JDK
            // accepts for y = 1 (and for p - 1 when u2 is even).
            signature = forge(c, params, msg);
        }
        compare(key, null, msg, signature, signer.name() + " adversarial y #" + which);
    }

    private static void adversarialG(Choices c, Signer signer, byte[] msg, byte[] sig) {
        DSAParams params = signer.publicKey().getParams();
        BigInteger p = params.getP();
        BigInteger q = params.getQ();
        BigInteger g = params.getG();
        BigInteger[] gs = {
            BigInteger.ONE,
            p.subtract(BigInteger.ONE),
            g.add(p),
            BigInteger.ZERO,
            g.negate(),
            BigInteger.TWO,
            g.modPow(BigInteger.TWO, p)
        };
        int which = c.intIn(0, gs.length - 1);
        Params other = new Params(p, q, gs[which]);
        DSAPublicKey key = new RawKey(c.bool() ? signer.publicKey().getY() : BigInteger.ONE, other);
        byte[] signature = key.getY().equals(BigInteger.ONE) && c.bool() ? forge(c, other, msg) : sig;
        compare(key, null, msg, signature, signer.name() + " adversarial g #" + which);
    }

    /**
     * Keys whose q is not the prime: odd with a factor 3, q ± 1 (even), or half of q; with the
     * signature's s, or a multiple of 3 that may share a factor with such a q (then s has no
     * inverse: the JDK throws, MARCOM rejects).
     */
    private static void adversarialQ(Choices c, Signer signer, byte[] msg, byte[] sig) {
        DSAParams params = signer.publicKey().getParams();
        BigInteger q = params.getQ();
        BigInteger three = BigInteger.valueOf(3);
        BigInteger[] qs = {
            q.divide(three).setBit(0).multiply(three),
            q.subtract(BigInteger.ONE),
            q.add(BigInteger.ONE),
            q.shiftRight(1)
        };
        int which = c.intIn(0, qs.length - 1);
        Params other = new Params(params.getP(), qs[which], params.getG());
        DSAPublicKey key = new RawKey(signer.publicKey().getY(), other);
        BigInteger[] rs = decode(q, sig);
        BigInteger s = c.bool() ? rs[1] : three.multiply(BigInteger.valueOf(c.intIn(1, 1000)));
        compare(key, null, msg, der(qs[which], rs[0], s), signer.name() + " adversarial q #" + which);
    }

    /** A signature valid for y = 1: r = (g^k mod p) mod q, s = z/k mod q, so that u1 = k. */
    static byte[] forge(Choices c, DSAParams params, byte[] msg) {
        BigInteger p = params.getP();
        BigInteger q = params.getQ();
        byte[] digest = Sha256.hash(msg);
        int zBytes = q.bitLength() / 8;
        BigInteger z = new BigInteger(1, zBytes < digest.length ? Arrays.copyOf(digest, zBytes) : digest).mod(q);
        BigInteger k = new BigInteger(q.bitLength() + 8, new java.util.Random(c.seed())).mod(q);
        if (k.signum() == 0 || z.signum() == 0) {
            k = BigInteger.ONE;
        }
        BigInteger r = params.getG().mod(p).modPow(k, p).mod(q);
        BigInteger s = z.multiply(k.modInverse(q)).mod(q);
        return der(q, r, s);
    }

    /** Inputs every decoder must refuse or every range check must stop: cheap on both sides. */
    private static void cheapVariants(Choices c, Signer signer, byte[] msg, byte[] sig, BigInteger q, BigInteger p) {
        DSAPublicKey key = signer.publicKey();
        DsaKeyVerifier warm = signer.warm();
        String base = signer.name();
        for (int len = 0; len < sig.length; len++) {
            compare(key, warm, msg, Arrays.copyOf(sig, len), base + " truncated to " + len);
        }
        int rLen = sig[3];
        int[] headers = {0, 1, 2, 3, 4 + rLen, 5 + rLen};
        for (int h : headers) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] x = sig.clone();
                x[h] ^= (byte) (1 << bit);
                compare(key, warm, msg, x, base + " header byte " + h + " bit " + bit);
            }
        }
        BigInteger[] rs = decode(q, sig);
        BigInteger[] outOfRange = {
            BigInteger.ZERO,
            q,
            q.add(BigInteger.ONE),
            p,
            BigInteger.ONE.shiftLeft(q.bitLength()),
            BigInteger.ONE.negate(),
            q.negate()
        };
        for (BigInteger v : outOfRange) {
            compare(key, warm, msg, der(q, v, rs[1]), base + " r = " + v);
            compare(key, warm, msg, der(q, rs[0], v), base + " s = " + v);
            compare(key, warm, msg, der(q, v, v), base + " r = s = " + v);
        }
        for (int extra = 1; extra <= 4; extra++) {
            byte[] x = Arrays.copyOf(sig, sig.length + extra);
            compare(key, warm, msg, x, base + " " + extra + " trailing zero bytes");
            x = Arrays.copyOf(sig, sig.length + extra);
            x[1] = (byte) (x[1] + extra);
            compare(key, warm, msg, x, base + " " + extra + " bytes inside the sequence");
        }
        // Non-minimal encodings: a redundant leading zero on r or s, long-form lengths.
        compare(key, warm, msg, padded(sig, 2), base + " r with a redundant zero");
        compare(key, warm, msg, padded(sig, 4 + rLen), base + " s with a redundant zero");
        byte[] longForm = new byte[sig.length + 1];
        longForm[0] = 0x30;
        longForm[1] = (byte) 0x81;
        System.arraycopy(sig, 1, longForm, 2, sig.length - 1);
        compare(key, warm, msg, longForm, base + " long-form sequence length");
        for (int i = 0; i < 24; i++) {
            compare(key, warm, msg, c.bytes(c.intIn(0, sig.length + 2)), base + " random bytes");
        }
        compare(key, warm, msg, new byte[0], base + " empty signature");
    }

    /** The signature with a 0x00 inserted at the start of the INTEGER whose tag is at {@code at}. */
    private static byte[] padded(byte[] sig, int at) {
        byte[] out = new byte[sig.length + 1];
        System.arraycopy(sig, 0, out, 0, at + 2);
        out[at + 2] = 0;
        System.arraycopy(sig, at + 2, out, at + 3, sig.length - at - 2);
        out[at + 1] = (byte) (out[at + 1] + 1);
        out[1] = (byte) (out[1] + 1);
        return out;
    }
}
