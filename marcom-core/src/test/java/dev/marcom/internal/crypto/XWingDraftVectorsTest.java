package dev.marcom.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The X-Wing test vectors of draft-connolly-cfrg-xwing-kem (appendix "Test vectors", the
 * draft's {@code spec/test-vectors.txt}; the same three vectors as its {@code
 * spec/test-vectors.json}, at commit 9b6ce9e of github.com/dconnolly/draft-connolly-cfrg-xwing-kem)
 * through MARCOM's {@link XWingKem}, on BouncyCastle's classes as MARCOM uses them.
 *
 * <p>The draft gives the decapsulation key {@code sk} (32 bytes), the randomness {@code eseed} of
 * the derandomized encapsulation (64 bytes: the ML-KEM message, then the X25519 ephemeral scalar),
 * the 1,216-byte public key, the 1,120-byte ciphertext and the 32-byte shared secret. The public
 * key and the ciphertext are pinned here by their SHA-256 (computed from the draft's hex), which
 * keeps the test short and checks them as completely. Key generation is fed {@code sk} as its
 * random bytes and encapsulation {@code eseed}, through a source that fails if more is drawn; so
 * the test also pins how BouncyCastle draws from its random source.
 */
class XWingDraftVectorsTest {
    private static final HexFormat HEX = HexFormat.of();

    record Vector(int number, String sk, String eseed, String ss, String pkSha256, String ctSha256) {
        @Override
        public String toString() {
            return "X-Wing draft vector " + number;
        }
    }

    static Stream<Vector> vectors() {
        return Stream.of(
                new Vector(
                        1,
                        "7f9c2ba4e88f827d616045507605853ed73b8093f6efbc88eb1a6eacfa66ef26",
                        "3cb1eea988004b93103cfb0aeefd2a686e01fa4a58e8a3639ca8a1e3f9ae57e2"
                                + "35b8cc873c23dc62b8d260169afa2f75ab916a58d974918835d25e6a435085b2",
                        "d2df0522128f09dd8e2c92b1e905c793d8f57a54c3da25861f10bf4ca613e384",
                        "2e816deebcd76c5c80d0cd2d174478871658e8e2ff42bc9d4a6e486372e856bb",
                        "17cd532d657e44c897ca6583e548a5424fc70bf54f99515a4d2bcf99e3469f33"),
                new Vector(
                        2,
                        "badfd6dfaac359a5efbb7bcc4b59d538df9a04302e10c8bc1cbf1a0b3a5120ea",
                        "17cda7cfad765f5623474d368ccca8af0007cd9f5e4c849f167a580b14aabdef"
                                + "aee7eef47cb0fca9767be1fda69419dfb927e9df07348b196691abaeb580b32d",
                        "f2e86241c64d60f6649fbc6c5b7d17180b780a3f34355e64a85749949c45f150",
                        "c42ba5f8430d7d2c83739338203819f090e8303ce9c8b02107c272bfa5376916",
                        "1661ea86d608a1924ba30840cb0a65f13ae051e3aec9cf0f064efc0bc92f2154"),
                new Vector(
                        3,
                        "ef58538b8d23f87732ea63b02b4fa0f4873360e2841928cd60dd4cee8cc0d4c9",
                        "22a96188d032675c8ac850933c7aff1533b94c834adbb69c6115bad4692d8619"
                                + "f90b0cdf8a7b9c264029ac185b70b83f2801f2f4b3f70c593ea3aeeb613a7f1b",
                        "953f7f4e8c5b5049bdc771d1dffada0dd961477d1a2ae0988baa7ea6898d893f",
                        "6b080d6b84f095342092fa7a22423e58bd681397ad0ef00eac92bd254db4fa95",
                        "d3ca5578500344b5896cffc4fd740c9311946b82951df155e6fd86a7966b43c6"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void keyGenerationEncapsulationAndDecapsulation(Vector v) throws Exception {
        FixedBytes keySource = new FixedBytes(HEX.parseHex(v.sk()));
        Kem.KeyPair keys = XWingKem.INSTANCE.generateKeyPair(keySource);
        assertThat(keySource.exhausted()).as("key generation draws exactly sk").isTrue();
        assertThat(XWingKem.privateSeed(keys)).isEqualTo(HEX.parseHex(v.sk()));
        byte[] pk = keys.publicKey();
        assertThat(pk).hasSize(XWingKem.PUBLIC_KEY_BYTES);
        assertThat(sha256(pk)).as("pk").isEqualTo(v.pkSha256());
        Kem.CheckedPublicKey checked = XWingKem.INSTANCE.checkPublicKey(pk);

        FixedBytes encapsulationSource = new FixedBytes(HEX.parseHex(v.eseed()));
        Kem.Encapsulation enc = XWingKem.INSTANCE.encapsulate(checked, encapsulationSource);
        assertThat(encapsulationSource.exhausted())
                .as("encapsulation draws exactly eseed")
                .isTrue();
        assertThat(enc.ciphertext()).hasSize(XWingKem.CIPHERTEXT_BYTES);
        assertThat(sha256(enc.ciphertext())).as("ct").isEqualTo(v.ctSha256());
        assertThat(HEX.formatHex(enc.sharedSecret())).as("ss (encapsulation)").isEqualTo(v.ss());

        assertThat(HEX.formatHex(
                        XWingKem.INSTANCE.decapsulate(keys, XWingKem.INSTANCE.checkCiphertext(enc.ciphertext()))))
                .as("ss (decapsulation)")
                .isEqualTo(v.ss());
    }

    private static String sha256(byte[] data) throws Exception {
        return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    /** A random source that returns the given bytes, in order, and fails if asked for more. */
    private static final class FixedBytes extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] bytes;
        private int used;

        FixedBytes(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public synchronized void nextBytes(byte[] out) {
            if (used + out.length > bytes.length) {
                throw new IllegalStateException(
                        "asked for " + out.length + " bytes, " + (bytes.length - used) + " left");
            }
            System.arraycopy(bytes, used, out, 0, out.length);
            used += out.length;
        }

        @Override
        public byte[] generateSeed(int n) {
            byte[] out = new byte[n];
            nextBytes(out);
            return out;
        }

        boolean exhausted() {
            return used == bytes.length;
        }
    }
}
