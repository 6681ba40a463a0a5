package dev.marcom.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.AuthenticationException;
import dev.marcom.CipherSuite;
import dev.marcom.MalformedInputException;
import dev.marcom.handshake.InvalidElGamalKeyTest.Bad;
import dev.marcom.identity.Identity;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.internal.crypto.Kem;
import dev.marcom.internal.crypto.KeyTransport;
import dev.marcom.internal.crypto.Suite;
import dev.marcom.internal.crypto.X25519Kem;
import dev.marcom.internal.crypto.XWingKem;
import dev.marcom.session.SessionConfig;
import dev.marcom.testing.Pipe;
import dev.marcom.testing.RecordingTraceListener;
import dev.marcom.testing.TestIdentities;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link InvalidElGamalKeyTest}'s idea for the other key-encapsulation mechanisms: invalid X25519
 * and X-Wing values are refused with {@link MalformedInputException} (the server's public key at
 * the client, the ciphertext c1 at the server), directly and over the handshake. Over the handshake
 * the bad value comes from a <em>malicious peer</em> that re-signs its message with its own genuine
 * key (BOB's for the public key, ALICE's for c1, each with the suite's paired algorithm), so the
 * signature check passes and the KEM's check is what must catch it.
 *
 * <ul>
 *   <li>X25519: every low-order point (the all-zero shared secret they give is refused) and every
 *       length but 32;
 *   <li>X-Wing: an ML-KEM-768 encapsulation key with a coefficient at or above q = 3329 (the FIPS
 *       203 modulus check), every length but 1,216 (public key) or 1,120 (ciphertext), and a
 *       tampered ciphertext, which ML-KEM rejects implicitly: decapsulation returns an unrelated
 *       secret, so the key transport fails as an {@link AuthenticationException}.
 * </ul>
 */
@Timeout(60)
class InvalidKemValueTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();
    private static final int MLKEM_Q = 3329;

    // ---- the bad values -------------------------------------------------------------------------

    /**
     * The X25519 u-coordinates of small order, little-endian as on the wire (the list libsodium and
     * Wycheproof use): 0 and 1, the two points of order 8, and p-1, p, p+1; each also with the
     * unused top bit set, which RFC 7748 masks off. Any scalar times any of them is all zero.
     */
    static List<Bad> x25519LowOrderPoints() {
        String ff = "ff".repeat(30);
        List<Bad> base = List.of(
                new Bad("0 (order 4)", new byte[32]),
                new Bad("1 (order 1)", HEX.parseHex("01" + "00".repeat(31))),
                new Bad(
                        "order 8 (e0eb...)",
                        HEX.parseHex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800")),
                new Bad(
                        "order 8 (5f9c...)",
                        HEX.parseHex("5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157")),
                new Bad("p-1 (order 2)", HEX.parseHex("ec" + ff + "7f")),
                new Bad("p (= 0)", HEX.parseHex("ed" + ff + "7f")),
                new Bad("p+1 (= 1)", HEX.parseHex("ee" + ff + "7f")));
        List<Bad> out = new ArrayList<>(base);
        for (Bad b : base) {
            byte[] high = b.encoded().clone();
            high[31] |= (byte) 0x80;
            out.add(new Bad(b.name() + ", top bit set", high));
        }
        return out;
    }

    /** Encodings of the wrong length for a value of {@code bytes} bytes, built from {@code valid}. */
    static List<Bad> wrongLengths(byte[] valid, int bytes, int otherKemBytes) {
        return List.of(
                new Bad("empty", new byte[0]),
                new Bad("one byte", new byte[] {9}),
                new Bad("one byte short", Arrays.copyOf(valid, bytes - 1)),
                new Bad("one byte long", Arrays.copyOf(valid, bytes + 1)),
                new Bad("the other KEM's length (" + otherKemBytes + ")", Arrays.copyOf(valid, otherKemBytes)),
                new Bad("1024 bytes", new byte[1024]));
    }

    /** A valid X-Wing public key with the ML-KEM coefficient {@code index} set to {@code value}. */
    static byte[] withCoefficient(byte[] publicKey, int index, int value) {
        byte[] pk = publicKey.clone();
        int at = index / 2 * 3;
        if (index % 2 == 0) {
            pk[at] = (byte) value;
            pk[at + 1] = (byte) ((pk[at + 1] & 0xf0) | (value >>> 8));
        } else {
            pk[at + 1] = (byte) ((pk[at + 1] & 0x0f) | (value << 4));
            pk[at + 2] = (byte) (value >>> 4);
        }
        return pk;
    }

    /** X-Wing public keys failing the ML-KEM modulus check: first, odd and last coefficients. */
    static List<Bad> xWingOutOfRangeKeys(byte[] valid) {
        int last = 768 - 1;
        return List.of(
                new Bad("coefficient 0 = q", withCoefficient(valid, 0, MLKEM_Q)),
                new Bad("coefficient 1 = q", withCoefficient(valid, 1, MLKEM_Q)),
                new Bad("coefficient 0 = 4095", withCoefficient(valid, 0, 4095)),
                new Bad("coefficient 500 = q+1", withCoefficient(valid, 500, MLKEM_Q + 1)),
                new Bad("last coefficient = 4095", withCoefficient(valid, last, 4095)),
                new Bad("every byte 0xff but the X25519 key", ffExceptX25519(valid)));
    }

    private static byte[] ffExceptX25519(byte[] valid) {
        byte[] pk = valid.clone();
        Arrays.fill(pk, 0, XWingKem.PUBLIC_KEY_BYTES - X25519Kem.BYTES, (byte) 0xff);
        return pk;
    }

    static byte[] validPublicKey(CipherSuite suite) {
        return Suite.of(suite).kem().generateKeyPair(RANDOM).publicKey();
    }

    /** Every public key the client of {@code suite} must refuse, paired with its suite. */
    static Stream<Arguments> badPublicKeys() {
        byte[] x = validPublicKey(CipherSuite.MODERN);
        byte[] w = validPublicKey(CipherSuite.PQ);
        Stream<Arguments> modern = Stream.concat(
                        x25519LowOrderPoints().stream(),
                        wrongLengths(x, X25519Kem.BYTES, XWingKem.PUBLIC_KEY_BYTES).stream())
                .map(b -> Arguments.of(CipherSuite.MODERN, b));
        Stream<Arguments> pq = Stream.concat(
                        xWingOutOfRangeKeys(w).stream(),
                        wrongLengths(w, XWingKem.PUBLIC_KEY_BYTES, X25519Kem.BYTES).stream())
                .map(b -> Arguments.of(CipherSuite.PQ, b));
        return Stream.concat(modern, pq);
    }

    /** Every c1 the server of {@code suite} must refuse as malformed, paired with its suite. */
    static Stream<Arguments> badCiphertexts() {
        byte[] x = validPublicKey(CipherSuite.MODERN);
        byte[] wc = XWingKem.INSTANCE
                .encapsulate(XWingKem.INSTANCE.checkPublicKey(validPublicKey(CipherSuite.PQ)), RANDOM)
                .ciphertext();
        Stream<Arguments> modern = Stream.concat(
                        x25519LowOrderPoints().stream(),
                        wrongLengths(x, X25519Kem.BYTES, XWingKem.CIPHERTEXT_BYTES).stream())
                .map(b -> Arguments.of(CipherSuite.MODERN, b));
        Stream<Arguments> pq = wrongLengths(wc, XWingKem.CIPHERTEXT_BYTES, X25519Kem.BYTES).stream()
                .map(b -> Arguments.of(CipherSuite.PQ, b));
        return Stream.concat(modern, pq);
    }

    // ---- directly against the mechanisms --------------------------------------------------------

    @Test
    void x25519RefusesEveryLowOrderPointAsPublicKeyAndAsCiphertext() throws Exception {
        Kem kem = X25519Kem.INSTANCE;
        Kem.KeyPair keys = kem.generateKeyPair(RANDOM);
        byte[] secret = new byte[KeyTransport.SECRET_BYTES];
        byte[] context = new byte[32];
        KeyTransport.Ciphertext good =
                KeyTransport.seal(kem, kem.checkPublicKey(keys.publicKey()), secret, context, RANDOM);
        assertThat(KeyTransport.open(kem, keys, kem.checkCiphertext(good.c1()), good.c2(), context))
                .isEqualTo(secret);
        for (Bad bad : x25519LowOrderPoints()) {
            assertThatCode(() -> kem.checkPublicKey(bad.encoded()))
                    .as("the length check alone passes " + bad.name())
                    .doesNotThrowAnyException();
            assertThatThrownBy(() -> kem.encapsulate(kem.checkPublicKey(bad.encoded()), RANDOM))
                    .as("public key " + bad.name())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the X25519 shared secret is all zero (a low-order point)");
            assertThatThrownBy(() -> kem.decapsulate(keys, kem.checkCiphertext(bad.encoded())))
                    .as("ciphertext " + bad.name())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the X25519 shared secret is all zero (a low-order point)");
            assertThatCode(() -> KeyTransport.seal(kem, kem.checkPublicKey(bad.encoded()), secret, context, RANDOM))
                    .as("seal to " + bad.name())
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatCode(() -> KeyTransport.open(kem, keys, kem.checkCiphertext(bad.encoded()), good.c2(), context))
                    .as("open with c1 = " + bad.name())
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = CipherSuite.class,
            names = {"MODERN", "PQ"})
    void everyWrongLengthIsRefused(CipherSuite suite) {
        Kem kem = Suite.of(suite).kem();
        Kem.KeyPair keys = kem.generateKeyPair(RANDOM);
        byte[] pk = keys.publicKey();
        byte[] ct = kem.encapsulate(kem.checkPublicKey(pk), RANDOM).ciphertext();
        int otherPk = suite == CipherSuite.MODERN ? XWingKem.PUBLIC_KEY_BYTES : X25519Kem.BYTES;
        int otherCt = suite == CipherSuite.MODERN ? XWingKem.CIPHERTEXT_BYTES : X25519Kem.BYTES;
        for (Bad bad : wrongLengths(pk, pk.length, otherPk)) {
            assertThatCode(() -> kem.checkPublicKey(bad.encoded()))
                    .as("public key " + bad.name())
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatCode(() -> kem.encapsulate(kem.checkPublicKey(bad.encoded()), RANDOM))
                    .as("encapsulate to " + bad.name())
                    .isInstanceOf(IllegalArgumentException.class);
        }
        for (Bad bad : wrongLengths(ct, ct.length, otherCt)) {
            assertThatCode(() -> kem.checkCiphertext(bad.encoded()))
                    .as("ciphertext " + bad.name())
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatCode(() -> kem.decapsulate(keys, kem.checkCiphertext(bad.encoded())))
                    .as("decapsulate " + bad.name())
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatCode(() -> kem.checkPublicKey(pk)).doesNotThrowAnyException();
        assertThatCode(() -> kem.checkCiphertext(ct)).doesNotThrowAnyException();
    }

    @Test
    void xWingRefusesEncapsulationKeysFailingTheModulusCheck() {
        Kem kem = XWingKem.INSTANCE;
        byte[] valid = validPublicKey(CipherSuite.PQ);
        for (Bad bad : xWingOutOfRangeKeys(valid)) {
            assertThat(bad.encoded()).hasSize(XWingKem.PUBLIC_KEY_BYTES);
            assertThatThrownBy(() -> kem.checkPublicKey(bad.encoded()))
                    .as(bad.name())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the ML-KEM-768 encapsulation key fails the modulus check");
            assertThatCode(() -> kem.encapsulate(kem.checkPublicKey(bad.encoded()), RANDOM))
                    .as("encapsulate to " + bad.name())
                    .isInstanceOf(IllegalArgumentException.class);
        }
        // The edge: q-1 in any position is a valid coefficient, so the check is not too strict.
        for (int index : new int[] {0, 1, 500, 767}) {
            byte[] edge = withCoefficient(valid, index, MLKEM_Q - 1);
            assertThatCode(() -> kem.checkPublicKey(edge))
                    .as("coefficient %d = q-1", index)
                    .doesNotThrowAnyException();
        }
    }

    /**
     * ML-KEM rejects a tampered ciphertext implicitly: decapsulation succeeds with a pseudorandom
     * secret unrelated to the sender's, so the damage shows one step later, when c2 does not
     * authenticate under the key derived from it. The X25519 half is bound too.
     */
    @Test
    void aTamperedXWingCiphertextIsRejectedImplicitly() throws Exception {
        Kem kem = XWingKem.INSTANCE;
        Kem.KeyPair keys = kem.generateKeyPair(RANDOM);
        byte[] secret = new byte[KeyTransport.SECRET_BYTES];
        RANDOM.nextBytes(secret);
        byte[] context = new byte[32];
        KeyTransport.Ciphertext good =
                KeyTransport.seal(kem, kem.checkPublicKey(keys.publicKey()), secret, context, RANDOM);
        byte[] genuineShared = kem.decapsulate(keys, kem.checkCiphertext(good.c1()));
        for (int at :
                new int[] {0, 500, XWingKem.CIPHERTEXT_BYTES - X25519Kem.BYTES - 1, XWingKem.CIPHERTEXT_BYTES - 1}) {
            byte[] c1 = good.c1().clone();
            c1[at] ^= 0x01;
            assertThat(kem.decapsulate(keys, kem.checkCiphertext(c1)))
                    .as("byte %d flipped: a secret, but not the sender's", at)
                    .hasSize(genuineShared.length)
                    .isNotEqualTo(genuineShared);
            assertThatThrownBy(() -> KeyTransport.open(kem, keys, kem.checkCiphertext(c1), good.c2(), context))
                    .as("byte %d flipped", at)
                    .isInstanceOf(AEADBadTagException.class);
        }
    }

    // ---- over the handshake ---------------------------------------------------------------------

    private final RecordingTraceListener clientTrace = new RecordingTraceListener();
    private final RecordingTraceListener serverTrace = new RecordingTraceListener();

    private static Identity alice(CipherSuite suite) {
        return TestIdentities.alice(suite.pairedSignature());
    }

    private static Identity bob(CipherSuite suite) {
        return TestIdentities.bob(suite.pairedSignature());
    }

    private SessionConfig aliceConfig(CipherSuite suite) {
        return SessionConfig.builder(alice(suite), TrustPolicy.pinned(bob(suite).fingerprint()))
                .suites(suite)
                .trace(clientTrace)
                .build();
    }

    private SessionConfig bobConfig(CipherSuite suite) {
        return SessionConfig.builder(bob(suite), TrustPolicy.pinned(alice(suite).fingerprint()))
                .suites(suite)
                .trace(serverTrace)
                .build();
    }

    @ParameterizedTest(name = "{0}: key = {1}")
    @MethodSource("badPublicKeys")
    void clientRefusesBadServerKeySignedByTheServer(CipherSuite suite, Bad bad) {
        List<byte[]> sent = new ArrayList<>();
        Pipe.Rewriter maliciousServer = (i, f) -> {
            sent.add(f);
            if (i != 1) {
                return f;
            }
            ServerHello h = Mitm.withY(Mitm.serverHello(f), bad.encoded());
            return Mitm.signServerHello(sent.get(0), h, bob(suite));
        };
        assertThatThrownBy(() -> Pipe.handshake(aliceConfig(suite), bobConfig(suite), maliciousServer))
                .isInstanceOf(MalformedInputException.class)
                .hasMessageStartingWith("invalid " + Suite.of(suite).kem().family() + " public key: ");
        assertThat(clientTrace.failed()).isTrue();
        assertThat(serverTrace.failed()).isFalse();
    }

    @ParameterizedTest(name = "{0}: c1 = {1}")
    @MethodSource("badCiphertexts")
    void serverRefusesBadCiphertextSignedByTheClient(CipherSuite suite, Bad bad) {
        List<byte[]> sent = new ArrayList<>();
        Pipe.Rewriter maliciousClient = (i, f) -> {
            sent.add(f);
            if (i != 2) {
                return f;
            }
            ClientAuth a = Mitm.withC1(Mitm.clientAuth(f), bad.encoded());
            return Mitm.signClientAuth(Mitm.concat(sent.get(0), sent.get(1)), a, alice(suite));
        };
        assertThatThrownBy(() -> Pipe.handshake(aliceConfig(suite), bobConfig(suite), maliciousClient))
                .isInstanceOf(MalformedInputException.class)
                .hasMessageStartingWith("invalid " + Suite.of(suite).kem().family() + " ciphertext: ");
        assertThat(serverTrace.failed()).isTrue();
    }

    /**
     * A well-formed but altered c1 (for X-Wing, implicitly rejected by ML-KEM; for X25519, another
     * point) passes every check and yields a wrong secret: the server reports the key transport as
     * not authenticated, not as malformed input.
     */
    @ParameterizedTest
    @EnumSource(
            value = CipherSuite.class,
            names = {"MODERN", "PQ"})
    void tamperedCiphertextSignedByTheClientFailsAuthentication(CipherSuite suite) {
        List<byte[]> sent = new ArrayList<>();
        Pipe.Rewriter maliciousClient = (i, f) -> {
            sent.add(f);
            if (i != 2) {
                return f;
            }
            ClientAuth a = Mitm.clientAuth(f);
            byte[] c1 = a.c1().clone();
            c1[3] ^= 0x10;
            return Mitm.signClientAuth(Mitm.concat(sent.get(0), sent.get(1)), Mitm.withC1(a, c1), alice(suite));
        };
        assertThatThrownBy(() -> Pipe.handshake(aliceConfig(suite), bobConfig(suite), maliciousClient))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage(Suite.of(suite).kem().family() + " key transport did not authenticate");
        assertThat(serverTrace.failed()).isTrue();
    }
}
