package dev.marcom.handshake;

import static dev.marcom.testing.TestIdentities.ALICE;
import static dev.marcom.testing.TestIdentities.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.CipherSuite;
import dev.marcom.MalformedInputException;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.internal.crypto.DhGroup;
import dev.marcom.internal.crypto.ElGamalKem;
import dev.marcom.internal.crypto.Kem;
import dev.marcom.internal.crypto.KeyTransport;
import dev.marcom.session.SessionConfig;
import dev.marcom.testing.Pipe;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invalid ElGamal values are refused with {@link MalformedInputException}: the server's public key
 * y at the client, the ciphertext's c1 at the server, and both directly by
 * {@link ElGamalKem#validate}. Over the handshake the bad value is sent by a <em>malicious
 * peer</em> that re-signs its message with its own genuine key (BOB's for y, ALICE's for c1), so
 * the signature check passes and the element check is what must catch it.
 */
@Timeout(60)
class InvalidElGamalKeyTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final CipherSuite FF2048 = CipherSuite.CLASSIC;

    record Bad(String name, byte[] encoded) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Encodings no validator may accept in {@code group}; the names say why. */
    static List<Bad> badEncodings(DhGroup group) {
        BigInteger p = group.params().getP();
        int len = group.elementBytes();
        BigInteger q = p.subtract(BigInteger.ONE).shiftRight(1);
        BigInteger pMinus2 = p.subtract(BigInteger.TWO);
        // Euler's criterion: v^((p-1)/2) = -1 mod p means v is a quadratic non-residue, so it is
        // outside the order-q subgroup of squares (for a safe prime p = 2q + 1). For the RFC 7919
        // primes p = 7 mod 8, so -1 is a non-residue and 2 a residue, hence p-2 = -2 is a non-residue.
        assertThat(pMinus2.modPow(q, p)).as("p-2 is a quadratic non-residue").isEqualTo(p.subtract(BigInteger.ONE));
        BigInteger valid = group.params().getG().modPow(new BigInteger(256, RANDOM), p);
        List<Bad> out = new ArrayList<>();
        out.add(new Bad("0", fixed(BigInteger.ZERO, len)));
        out.add(new Bad("1", fixed(BigInteger.ONE, len)));
        out.add(new Bad("p-1 (order 2)", fixed(p.subtract(BigInteger.ONE), len)));
        out.add(new Bad("p", fixed(p, len)));
        out.add(new Bad("p+1", fixed(p.add(BigInteger.ONE), len)));
        out.add(new Bad(
                "2^" + (8 * len) + "-1", fixed(BigInteger.ONE.shiftLeft(8 * len).subtract(BigInteger.ONE), len)));
        out.add(new Bad("p-2 (quadratic non-residue, order 2q)", fixed(pMinus2, len)));
        out.add(new Bad("empty", new byte[0]));
        out.add(new Bad("one byte 0x02", new byte[] {2}));
        out.add(new Bad("valid element, one byte short", Arrays.copyOf(fixed(valid, len), len - 1)));
        byte[] padded = new byte[len + 1];
        System.arraycopy(fixed(valid, len), 0, padded, 1, len);
        out.add(new Bad("valid element with a leading zero byte (non-canonical)", padded));
        out.add(new Bad("valid element with a trailing zero byte", Arrays.copyOf(fixed(valid, len), len + 1)));
        DhGroup other = group == DhGroup.FFDHE2048 ? DhGroup.FFDHE3072 : DhGroup.FFDHE2048;
        out.add(new Bad(
                "valid element of " + other.label(),
                ElGamalKem.generate(other, RANDOM).publicValue()));
        out.add(new Bad("1024 bytes (the parser's maximum)", new byte[1024]));
        return out;
    }

    private static byte[] fixed(BigInteger v, int len) {
        return BigIntegers.asUnsignedByteArray(len, v);
    }

    static Stream<Arguments> bad2048() {
        return badEncodings(DhGroup.FFDHE2048).stream().map(Arguments::of);
    }

    // ---- directly against ElGamalKem ------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(DhGroup.class)
    void validateRefusesEveryBadEncoding(DhGroup group) {
        for (Bad bad : badEncodings(group)) {
            assertThatCode(() -> ElGamalKem.validate(group, bad.encoded()))
                    .as(group.label() + ": " + bad.name())
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    /**
     * The range check is MARCOM's own, before BouncyCastle's: its exact edges (1 and p-1 refused,
     * named as a range error; 0 and p too) are pinned, so the two checks cannot quietly become one.
     */
    @ParameterizedTest
    @EnumSource(DhGroup.class)
    void theRangeEdgesAreRefusedAsOutOfRange(DhGroup group) {
        BigInteger p = group.params().getP();
        for (BigInteger v : List.of(BigInteger.ZERO, BigInteger.ONE, p.subtract(BigInteger.ONE), p)) {
            assertThatThrownBy(() -> ElGamalKem.validate(group, fixed(v, group.elementBytes())))
                    .as(group.label() + ": " + v.toString(16))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("group element out of range (must be 1 < v < p-1)");
        }
    }

    /** The user reads this message: MARCOM's words, not BouncyCastle's "correct group". */
    @ParameterizedTest
    @EnumSource(DhGroup.class)
    void anElementOutsideTheSubgroupIsNamedInMarcomsWords(DhGroup group) {
        BigInteger pMinus2 = group.params().getP().subtract(BigInteger.TWO);
        assertThatThrownBy(() -> ElGamalKem.validate(group, fixed(pMinus2, group.elementBytes())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("group element is not in the prime-order subgroup of " + group.label());
    }

    @Test
    void theHandshakeReportsAnOutOfSubgroupServerKeyInMarcomsWords() {
        BigInteger pMinus2 = DhGroup.FFDHE2048.params().getP().subtract(BigInteger.TWO);
        List<byte[]> sent = new ArrayList<>();
        Pipe.Rewriter maliciousServer = (i, f) -> {
            sent.add(f);
            if (i != 1) {
                return f;
            }
            ServerHello h = Mitm.withY(Mitm.serverHello(f), fixed(pMinus2, DhGroup.FFDHE2048.elementBytes()));
            return Mitm.signServerHello(sent.get(0), h, BOB);
        };
        assertThatThrownBy(() -> Pipe.handshake(alice(), bob(), maliciousServer))
                .isInstanceOf(MalformedInputException.class)
                .hasMessage("invalid ElGamal public key: group element is not in the prime-order "
                        + "subgroup of ffdhe2048");
    }

    @ParameterizedTest
    @EnumSource(DhGroup.class)
    void validateAcceptsSubgroupElements(DhGroup group) {
        BigInteger p = group.params().getP();
        int len = group.elementBytes();
        assertThatCode(() -> ElGamalKem.validate(group, fixed(group.params().getG(), len)))
                .doesNotThrowAnyException();
        assertThatCode(() -> ElGamalKem.validate(group, fixed(BigInteger.valueOf(4), len)))
                .doesNotThrowAnyException();
        for (int i = 0; i < 3; i++) {
            byte[] y = ElGamalKem.generate(group, RANDOM).publicValue();
            assertThat(y).hasSize(len);
            assertThat(ElGamalKem.validate(group, y).getY()).isEqualTo(new BigInteger(1, y));
            assertThat(new BigInteger(1, y).modPow(p.shiftRight(1), p)).isEqualTo(BigInteger.ONE);
        }
    }

    @ParameterizedTest
    @EnumSource(DhGroup.class)
    void encapsulateAndDecapsulateRefuseBadElements(DhGroup group) throws Exception {
        ElGamalKem.KeyPair keys = ElGamalKem.generate(group, RANDOM);
        ElGamalKem kem = ElGamalKem.of(group);
        byte[] secret = new byte[KeyTransport.SECRET_BYTES];
        byte[] context = new byte[32];
        KeyTransport.Ciphertext good =
                KeyTransport.seal(kem, kem.checkPublicKey(keys.publicValue()), secret, context, RANDOM);
        Kem.CheckedCiphertext c1 = kem.checkCiphertext(good.c1());
        assertThat(KeyTransport.open(kem, keys, c1, good.c2(), context)).isEqualTo(secret);
        for (Bad bad : badEncodings(group)) {
            assertThatCode(() -> KeyTransport.seal(kem, kem.checkPublicKey(bad.encoded()), secret, context, RANDOM))
                    .as("y = " + bad.name())
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatCode(() -> KeyTransport.open(kem, keys, kem.checkCiphertext(bad.encoded()), good.c2(), context))
                    .as("c1 = " + bad.name())
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() ->
                        KeyTransport.open(kem, keys, c1, Arrays.copyOf(good.c2(), good.c2().length - 1), context))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- over the handshake ---------------------------------------------------------------------

    private static SessionConfig alice() {
        return SessionConfig.builder(ALICE, TrustPolicy.pinned(BOB.fingerprint()))
                .suites(FF2048)
                .build();
    }

    private static SessionConfig bob() {
        return SessionConfig.builder(BOB, TrustPolicy.pinned(ALICE.fingerprint()))
                .suites(FF2048)
                .build();
    }

    @ParameterizedTest(name = "y = {0}")
    @MethodSource("bad2048")
    void clientRefusesBadServerKeySignedByTheServer(Bad bad) {
        List<byte[]> sent = new ArrayList<>();
        Pipe.Rewriter maliciousServer = (i, f) -> {
            sent.add(f);
            if (i != 1) {
                return f;
            }
            ServerHello h = Mitm.withY(Mitm.serverHello(f), bad.encoded());
            return Mitm.signServerHello(sent.get(0), h, BOB);
        };
        assertThatThrownBy(() -> Pipe.handshake(alice(), bob(), maliciousServer))
                .isInstanceOf(MalformedInputException.class);
    }

    @ParameterizedTest(name = "c1 = {0}")
    @MethodSource("bad2048")
    void serverRefusesBadCiphertextSignedByTheClient(Bad bad) {
        List<byte[]> sent = new ArrayList<>();
        Pipe.Rewriter maliciousClient = (i, f) -> {
            sent.add(f);
            if (i != 2) {
                return f;
            }
            ClientAuth a = Mitm.withC1(Mitm.clientAuth(f), bad.encoded());
            return Mitm.signClientAuth(Mitm.concat(sent.get(0), sent.get(1)), a, ALICE);
        };
        assertThatThrownBy(() -> Pipe.handshake(alice(), bob(), maliciousClient))
                .isInstanceOf(MalformedInputException.class);
    }

    @Test
    void serverRefusesWrongLengthC2SignedByTheClient() {
        List<byte[]> sent = new ArrayList<>();
        Pipe.Rewriter maliciousClient = (i, f) -> {
            sent.add(f);
            if (i != 2) {
                return f;
            }
            ClientAuth a = Mitm.clientAuth(f);
            ClientAuth shorter = new ClientAuth(
                    a.c1(), Arrays.copyOf(a.c2(), a.c2().length - 1), a.identity(), a.signature(), a.finished());
            return Mitm.signClientAuth(Mitm.concat(sent.get(0), sent.get(1)), shorter, ALICE);
        };
        assertThatThrownBy(() -> Pipe.handshake(alice(), bob(), maliciousClient))
                .isInstanceOf(MalformedInputException.class);
    }

    @Test
    void oversizedElementIsRefusedByTheParser() {
        // One byte over the ServerHello/ClientAuth field limit: refused before any signature check.
        byte[] big = new byte[ServerHello.MAX_KEM_PUBLIC_KEY_BYTES + 1];
        big[0] = 1;
        assertThatThrownBy(() -> Pipe.handshake(
                        alice(),
                        bob(),
                        (i, f) -> i == 1 ? Mitm.withY(Mitm.serverHello(f), big).encode() : f))
                .isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> Pipe.handshake(
                        alice(),
                        bob(),
                        (i, f) -> i == 2 ? Mitm.withC1(Mitm.clientAuth(f), big).encode() : f))
                .isInstanceOf(MalformedInputException.class);
    }
}
