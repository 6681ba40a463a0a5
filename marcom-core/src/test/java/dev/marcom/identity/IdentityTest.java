package dev.marcom.identity;

import static dev.marcom.testing.TestIdentities.ALICE;
import static dev.marcom.testing.TestIdentities.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.AuthenticationException;
import dev.marcom.Fingerprint;
import dev.marcom.MalformedInputException;
import dev.marcom.SignatureAlgorithm;
import dev.marcom.internal.crypto.Dsa;
import dev.marcom.session.OfflineVerifier;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.DSAParams;
import java.security.interfaces.DSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Identities: the fingerprint format, strict decoding of a peer's SubjectPublicKeyInfo (only
 * canonical DER DSA 2048/256 or 3072/256 keys whose values lie in the order-q subgroup), PKCS#8
 * round trips and 3072-bit generation.
 */
@Timeout(60)
class IdentityTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] DSA_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x38, 0x04, 0x01};

    // ---- fingerprints ---------------------------------------------------------------------------

    @Test
    void fingerprintIsSha256OfTheSpkiInUnpaddedBase64() throws Exception {
        byte[] spki = ALICE.publicIdentity().subjectPublicKeyInfo().toByteArray();
        String text = ALICE.fingerprint().toString();
        assertThat(text).matches("SHA256:[A-Za-z0-9+/]{43}");
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(spki);
        assertThat(text)
                .isEqualTo("SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest));
        assertThat(Fingerprint.of(spki)).isEqualTo(ALICE.fingerprint());
        assertThat(ALICE.fingerprint()).isNotEqualTo(BOB.fingerprint());
    }

    @Test
    void fingerprintParsesItsOwnFormat() {
        Fingerprint f = ALICE.fingerprint();
        assertThat(Fingerprint.parse(f.toString())).isEqualTo(f);
        assertThat(Fingerprint.parse(f.toString() + "="))
                .as("padding is optional")
                .isEqualTo(f);
        assertThat(Fingerprint.parse("  " + f + "\n"))
                .as("surrounding whitespace")
                .isEqualTo(f);
        assertThat(Fingerprint.parse(f.toString()).toString()).isEqualTo(f.toString());
    }

    @Test
    void fingerprintParseRejectsOtherText() {
        String body = ALICE.fingerprint().toString().substring("SHA256:".length());
        for (String bad : new String[] {
            "",
            body,
            "sha256:" + body,
            "MD5:" + body,
            "SHA256:",
            "SHA256:" + body.substring(1),
            "SHA256:" + body + "AAAA",
            "SHA256:" + body.replace(body.charAt(3), '*'),
            "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(new byte[31]),
            "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(new byte[33])
        }) {
            assertThatCode(() -> Fingerprint.parse(bad)).as("'%s'", bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new Fingerprint(dev.marcom.Bytes.of(new byte[20])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- decoding a peer's SPKI -----------------------------------------------------------------

    @Test
    void acceptsGenuineIdentitiesAndCopiesTheInput() throws Exception {
        byte[] spki = ALICE.publicIdentity().subjectPublicKeyInfo().toByteArray();
        PeerIdentity parsed = PeerIdentity.fromSubjectPublicKeyInfo(spki);
        assertThat(parsed).isEqualTo(ALICE.publicIdentity());
        assertThat(parsed.fingerprint()).isEqualTo(ALICE.fingerprint());
        assertThat(parsed.algorithm()).isEqualTo(SignatureAlgorithm.DSA_2048_256);
        spki[spki.length - 1] ^= 1;
        assertThat(parsed.subjectPublicKeyInfo())
                .isEqualTo(ALICE.publicIdentity().subjectPublicKeyInfo());
    }

    @Test
    void rejectsGarbage() {
        byte[] random = new byte[300];
        RANDOM.nextBytes(random);
        for (byte[] bad : new byte[][] {
            new byte[0],
            {0x30},
            {0x30, 0x00},
            {0x30, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff},
            random,
            "-----BEGIN PUBLIC KEY-----".getBytes(StandardCharsets.US_ASCII)
        }) {
            assertThatThrownBy(() -> PeerIdentity.fromSubjectPublicKeyInfo(bad))
                    .isInstanceOf(MalformedInputException.class);
        }
    }

    @Test
    void rejectsKeysOfOtherAlgorithms() throws Exception {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024, RANDOM);
        keys.put("RSA", rsa.generateKeyPair().getPublic().getEncoded());
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256, RANDOM);
        keys.put("EC P-256", ec.generateKeyPair().getPublic().getEncoded());
        keys.put(
                "Ed25519",
                KeyPairGenerator.getInstance("Ed25519")
                        .generateKeyPair()
                        .getPublic()
                        .getEncoded());
        KeyPairGenerator dh = KeyPairGenerator.getInstance("DH");
        dh.initialize(2048, RANDOM);
        keys.put("DH 2048", dh.generateKeyPair().getPublic().getEncoded());
        assertAllRejected(keys);
    }

    private static DSAPublicKey jdkDsa(int bits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("DSA", "SUN");
        g.initialize(bits, RANDOM);
        return (DSAPublicKey) g.generateKeyPair().getPublic();
    }

    @Test
    void rejectsUnsupportedDsaSizes() throws Exception {
        DSAPublicKey dsa1024 = jdkDsa(1024);
        assertThat(dsa1024.getParams().getQ().bitLength()).isEqualTo(160);
        DSAPublicKey dsa2048x224 = jdkDsa(2048); // the SUN provider's 2048-bit default has N = 224
        assertThat(dsa2048x224.getParams().getQ().bitLength()).isEqualTo(224);
        for (DSAPublicKey key : new DSAPublicKey[] {dsa1024, dsa2048x224}) {
            assertThatCode(() -> PeerIdentity.fromSubjectPublicKeyInfo(key.getEncoded()))
                    .as(
                            "DSA %d/%d",
                            key.getParams().getP().bitLength(),
                            key.getParams().getQ().bitLength())
                    .isInstanceOf(MalformedInputException.class)
                    .hasMessageContaining("unsupported DSA size");
        }
    }

    // A tiny DER writer, so the tests can build exactly the encodings they need.

    private static byte[] tlv(int tag, byte[]... contents) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] c : contents) {
            body.writeBytes(c);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        out.writeBytes(length(body.size()));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static byte[] length(int n) {
        if (n < 0x80) {
            return new byte[] {(byte) n};
        }
        byte[] v = BigInteger.valueOf(n).toByteArray();
        int skip = v[0] == 0 ? 1 : 0;
        byte[] out = new byte[1 + v.length - skip];
        out[0] = (byte) (0x80 | (v.length - skip));
        System.arraycopy(v, skip, out, 1, v.length - skip);
        return out;
    }

    private static byte[] integer(BigInteger v) {
        return tlv(0x02, v.toByteArray());
    }

    private static byte[] paddedInteger(BigInteger v) {
        byte[] minimal = v.toByteArray();
        byte[] padded = new byte[minimal.length + 1];
        System.arraycopy(minimal, 0, padded, 1, minimal.length);
        return tlv(0x02, padded);
    }

    private static byte[] bitString(byte[] content) {
        byte[] body = new byte[content.length + 1];
        System.arraycopy(content, 0, body, 1, content.length);
        return tlv(0x03, body);
    }

    private static byte[] spki(byte[] p, byte[] q, byte[] g, byte[] y) {
        return tlv(0x30, tlv(0x30, DSA_OID, tlv(0x30, p, q, g)), bitString(y));
    }

    private static byte[] spki(BigInteger p, BigInteger q, BigInteger g, BigInteger y) {
        return spki(integer(p), integer(q), integer(g), integer(y));
    }

    @Test
    void derWriterReproducesAGenuineSpki() {
        DSAPublicKey key = (DSAPublicKey) ALICE.publicIdentity().publicKey();
        DSAParams d = key.getParams();
        assertThat(spki(d.getP(), d.getQ(), d.getG(), key.getY()))
                .isEqualTo(ALICE.publicIdentity().subjectPublicKeyInfo().toByteArray());
    }

    @Test
    void rejectsNonCanonicalDer() {
        DSAPublicKey key = (DSAPublicKey) ALICE.publicIdentity().publicKey();
        DSAParams d = key.getParams();
        byte[] genuine = ALICE.publicIdentity().subjectPublicKeyInfo().toByteArray();
        Map<String, byte[]> variants = new LinkedHashMap<>();
        variants.put(
                "y with a redundant leading zero",
                spki(integer(d.getP()), integer(d.getQ()), integer(d.getG()), paddedInteger(key.getY())));
        variants.put(
                "p with a redundant leading zero",
                spki(paddedInteger(d.getP()), integer(d.getQ()), integer(d.getG()), integer(key.getY())));
        // 0x30 0x82 hi lo -> 0x30 0x83 0x00 hi lo: a long-form length with a redundant zero byte.
        assertThat(genuine[1]).isEqualTo((byte) 0x82);
        byte[] longLength = new byte[genuine.length + 1];
        longLength[0] = 0x30;
        longLength[1] = (byte) 0x83;
        longLength[2] = 0;
        System.arraycopy(genuine, 2, longLength, 3, genuine.length - 2);
        variants.put("outer length with a redundant zero byte", longLength);
        byte[] indefinite = new byte[genuine.length];
        indefinite[0] = 0x30;
        indefinite[1] = (byte) 0x80;
        System.arraycopy(genuine, 4, indefinite, 2, genuine.length - 4);
        variants.put("BER indefinite outer length", indefinite);
        variants.put("one trailing byte", Arrays.copyOf(genuine, genuine.length + 1));
        variants.put("truncated by one byte", Arrays.copyOf(genuine, genuine.length - 1));
        variants.put("no domain parameters", tlv(0x30, tlv(0x30, DSA_OID), bitString(integer(key.getY()))));
        variants.put(
                "NULL domain parameters",
                tlv(0x30, tlv(0x30, DSA_OID, new byte[] {0x05, 0x00}), bitString(integer(key.getY()))));
        byte[] unusedBits = spki(d.getP(), d.getQ(), d.getG(), key.getY());
        int bitStringAt = unusedBits.length - integer(key.getY()).length - 1;
        assertThat(unusedBits[bitStringAt]).isEqualTo((byte) 0);
        unusedBits[bitStringAt] = 1;
        variants.put("BIT STRING claiming an unused bit", unusedBits);
        assertAllRejected(variants);
    }

    @Test
    void rejectsValuesOutsideTheSubgroup() {
        DSAPublicKey key = (DSAPublicKey) ALICE.publicIdentity().publicKey();
        DSAParams d = key.getParams();
        BigInteger p = d.getP();
        BigInteger q = d.getQ();
        BigInteger g = d.getG();
        BigInteger y = key.getY();
        BigInteger negY = p.subtract(y); // (-y)^q = -1 for odd q: outside the order-q subgroup
        assertThat(negY.modPow(q, p)).isNotEqualTo(BigInteger.ONE);
        Map<String, byte[]> variants = new LinkedHashMap<>();
        variants.put("y = 0", spki(p, q, g, BigInteger.ZERO));
        variants.put("y = 1", spki(p, q, g, BigInteger.ONE));
        variants.put("y = p-1", spki(p, q, g, p.subtract(BigInteger.ONE)));
        variants.put("y = p", spki(p, q, g, p));
        variants.put("y = p+y", spki(p, q, g, p.add(y)));
        variants.put("y = -y mod p", spki(p, q, g, negY));
        variants.put("g = 1", spki(p, q, BigInteger.ONE, y));
        variants.put("g = p-1", spki(p, q, p.subtract(BigInteger.ONE), y));
        variants.put("q not the order of g", spki(p, q.add(BigInteger.TWO), g, y));
        assertAllRejected(variants);
    }

    /** Every variant must fail with MalformedInputException; lists all that did not. */
    private static void assertAllRejected(Map<String, byte[]> variants) {
        Map<String, String> notRejected = new LinkedHashMap<>();
        variants.forEach((name, spki) -> {
            try {
                PeerIdentity accepted = PeerIdentity.fromSubjectPublicKeyInfo(spki);
                notRejected.put(name, "accepted as " + accepted);
            } catch (MalformedInputException expected) {
                // refused, as it must be
            } catch (Exception other) {
                notRejected.put(name, "threw " + other);
            }
        });
        assertThat(notRejected)
                .as("variants not refused with MalformedInputException")
                .isEmpty();
    }

    // ---- PKCS#8 ---------------------------------------------------------------------------------

    @Test
    void pkcs8RoundTrip() throws Exception {
        byte[] pkcs8 = ALICE.privateKeyPkcs8();
        Identity loaded = Identity.fromPkcs8(pkcs8);
        assertThat(loaded.publicIdentity()).isEqualTo(ALICE.publicIdentity());
        assertThat(loaded.fingerprint()).isEqualTo(ALICE.fingerprint());
        assertThat(loaded.privateKeyPkcs8()).isEqualTo(pkcs8);
        byte[] data = "signed by the reloaded key".getBytes(StandardCharsets.UTF_8);
        OfflineVerifier.verify(ALICE.publicIdentity(), data, Dsa.sign(loaded.privateKey(), data));
        assertThatThrownBy(
                        () -> OfflineVerifier.verify(BOB.publicIdentity(), data, Dsa.sign(loaded.privateKey(), data)))
                .isInstanceOf(AuthenticationException.class);
        String x = ((java.security.interfaces.DSAPrivateKey) ALICE.privateKey())
                .getX()
                .toString(16);
        assertThat(loaded.toString())
                .doesNotContain(x)
                .doesNotContain(((java.security.interfaces.DSAPrivateKey) ALICE.privateKey())
                        .getX()
                        .toString())
                .contains(ALICE.fingerprint().toString());
    }

    @Test
    void pkcs8RejectsOtherKeys() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024, RANDOM);
        KeyPairGenerator dsa = KeyPairGenerator.getInstance("DSA", "SUN");
        dsa.initialize(1024, RANDOM);
        byte[] truncated = Arrays.copyOf(ALICE.privateKeyPkcs8(), 40);
        for (byte[] bad : new byte[][] {
            new byte[0],
            truncated,
            ALICE.publicIdentity().subjectPublicKeyInfo().toByteArray(),
            rsa.generateKeyPair().getPrivate().getEncoded(),
            dsa.generateKeyPair().getPrivate().getEncoded()
        }) {
            assertThatThrownBy(() -> Identity.fromPkcs8(bad)).isInstanceOf(MalformedInputException.class);
        }
    }

    // ---- generation -----------------------------------------------------------------------------

    @Test
    void generates3072BitIdentities() throws Exception {
        Identity a = Identity.generate(SignatureAlgorithm.DSA_3072_256, RANDOM);
        Identity b = Identity.generate(SignatureAlgorithm.DSA_3072_256, RANDOM);
        for (Identity id : new Identity[] {a, b}) {
            DSAParams d =
                    ((java.security.interfaces.DSAPublicKey) id.publicIdentity().publicKey()).getParams();
            assertThat(id.publicIdentity().algorithm()).isEqualTo(SignatureAlgorithm.DSA_3072_256);
            assertThat(d.getP().bitLength()).isEqualTo(3072);
            assertThat(d.getQ().bitLength()).isEqualTo(256);
            byte[] spki = id.publicIdentity().subjectPublicKeyInfo().toByteArray();
            assertThat(PeerIdentity.fromSubjectPublicKeyInfo(spki)).isEqualTo(id.publicIdentity());
            assertThat(Identity.fromPkcs8(id.privateKeyPkcs8()).publicIdentity())
                    .isEqualTo(id.publicIdentity());
            byte[] data = {1, 2, 3};
            OfflineVerifier.verify(id.publicIdentity(), data, Dsa.sign(id.privateKey(), data));
        }
        assertThat(a.fingerprint()).isNotEqualTo(b.fingerprint());
        assertThat(Identity.generate(RANDOM).publicIdentity().algorithm()).isEqualTo(SignatureAlgorithm.DSA_2048_256);
    }
}
