package dev.marcom.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.CipherSuite;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A peer's KEM value is validated once per handshake, and the types enforce it: {@link
 * Kem#checkPublicKey} and {@link Kem#checkCiphertext} return a checked value, the only thing that
 * {@link Kem#encapsulate}, {@link Kem#decapsulate} and {@link KeyTransport} accept, so there is no
 * path on which the bytes reach them unchecked and no reason for them to check again (for ElGamal
 * the check is a BouncyCastle Legendre-symbol test, once a quarter of a classic handshake's CPU).
 * What the types cannot say is pinned here: only this package can make a checked value, a value
 * checked by one mechanism or group is refused by every other, and it keeps the bytes that were
 * checked whatever happens to the caller's array afterwards.
 */
class CheckedKemValueTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<Kem> KEMS =
            Arrays.stream(CipherSuite.values()).map(s -> Suite.of(s).kem()).toList();

    /** Every ordered pair of distinct mechanisms, ffdhe2048 and ffdhe3072 counting as two. */
    static Stream<Arguments> pairs() {
        List<Arguments> out = new ArrayList<>();
        for (Kem checker : KEMS) {
            for (Kem user : KEMS) {
                if (checker != user) {
                    out.add(Arguments.of(checker, user));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "checked by {0}, given to {1}")
    @MethodSource("pairs")
    void aValueCheckedByOneMechanismIsRefusedByAnother(Kem checker, Kem user) {
        Kem.KeyPair checkerKeys = checker.generateKeyPair(RANDOM);
        Kem.CheckedPublicKey publicKey = checker.checkPublicKey(checkerKeys.publicKey());
        Kem.CheckedCiphertext c1 =
                checker.checkCiphertext(checker.encapsulate(publicKey, RANDOM).ciphertext());
        Kem.KeyPair userKeys = user.generateKeyPair(RANDOM);
        String refused = "a value checked by " + checker + " given to " + user;
        assertThat(publicKey.kem()).isSameAs(checker);
        assertThat(c1.kem()).isSameAs(checker);

        assertThatThrownBy(() -> user.encapsulate(publicKey, RANDOM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(refused);
        assertThatThrownBy(() -> user.decapsulate(userKeys, c1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(refused);
        byte[] secret = new byte[KeyTransport.SECRET_BYTES];
        byte[] context = new byte[32];
        assertThatThrownBy(() -> KeyTransport.seal(user, publicKey, secret, context, RANDOM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(refused);
        assertThatThrownBy(() -> KeyTransport.open(user, userKeys, c1, new byte[KeyTransport.C2_BYTES], context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(refused);
    }

    /** The case that motivated the check: the two ElGamal groups share a class and a family. */
    @Test
    void anFfdhe2048ValueIsRefusedByFfdhe3072() {
        ElGamalKem ff2048 = ElGamalKem.of(DhGroup.FFDHE2048);
        ElGamalKem ff3072 = ElGamalKem.of(DhGroup.FFDHE3072);
        byte[] y = ff2048.generateKeyPair(RANDOM).publicKey();
        assertThatThrownBy(() -> ff3072.encapsulate(ff2048.checkPublicKey(y), RANDOM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a value checked by ElGamal(ffdhe2048) given to ElGamal(ffdhe3072)");
        assertThatThrownBy(() -> ff3072.decapsulate(ff3072.generateKeyPair(RANDOM), ff2048.checkCiphertext(y)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a value checked by ElGamal(ffdhe2048) given to ElGamal(ffdhe3072)");
        // The same bytes are refused by ffdhe3072's own check (wrong length), so nothing but the
        // group test above stops a value from crossing over once checked.
        assertThatThrownBy(() -> ff3072.checkPublicKey(y))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("group element must be 384 bytes");
    }

    /**
     * A checked value copies the encoding it checked: overwriting the caller's array afterwards
     * (here with zeros, which every check but X25519's length refuses) changes neither what is
     * encapsulated to nor what the key transport binds, so the round trip still succeeds.
     */
    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void aCheckedValueKeepsTheBytesItChecked(CipherSuite suite) throws Exception {
        Kem kem = Suite.of(suite).kem();
        Kem.KeyPair keys = kem.generateKeyPair(RANDOM);
        byte[] pk = keys.publicKey().clone(); // ElGamalKem.KeyPair hands out its own array
        byte[] original = pk.clone();
        Kem.CheckedPublicKey checkedPk = kem.checkPublicKey(pk);
        Arrays.fill(pk, (byte) 0);
        assertThat(checkedPk.encoded()).isEqualTo(original);
        checkedPk.encoded()[0] ^= 1;
        assertThat(checkedPk.encoded()).as("encoded() returns a copy").isEqualTo(original);

        byte[] secret = new byte[KeyTransport.SECRET_BYTES];
        RANDOM.nextBytes(secret);
        byte[] context = new byte[32];
        KeyTransport.Ciphertext sealed = KeyTransport.seal(kem, checkedPk, secret, context, RANDOM);
        byte[] c1 = sealed.c1().clone();
        Kem.CheckedCiphertext checkedC1 = kem.checkCiphertext(c1);
        Arrays.fill(c1, (byte) 0);
        assertThat(checkedC1.encoded()).isEqualTo(sealed.c1());
        assertThat(KeyTransport.open(kem, keys, checkedC1, sealed.c2(), context))
                .isEqualTo(secret);
    }

    /**
     * The type-level half of "validated once": no way in takes raw bytes, and no code outside this
     * package can make a checked value (the types are sealed, their implementations package-private
     * with private constructors, each made only by its mechanism's check).
     */
    @Test
    void onlyCheckedValuesReachTheMechanisms() throws Exception {
        List<Class<?>> classes =
                List.of(Kem.class, KeyTransport.class, ElGamalKem.class, X25519Kem.class, XWingKem.class);
        int seen = 0;
        for (Class<?> c : classes) {
            for (Method m : c.getDeclaredMethods()) {
                if (List.of("encapsulate", "decapsulate", "seal", "open").contains(m.getName()) && !m.isSynthetic()) {
                    seen++;
                    Class<?> peerValue =
                            m.getName().equals("encapsulate") || m.getName().equals("seal")
                                    ? Kem.CheckedPublicKey.class
                                    : Kem.CheckedCiphertext.class;
                    assertThat(m.getParameterTypes()).as(m.toString()).contains(peerValue);
                    if (m.getName().equals("encapsulate") || m.getName().equals("decapsulate")) {
                        assertThat(m.getParameterTypes()).as(m.toString()).doesNotContain(byte[].class);
                    }
                }
            }
        }
        assertThat(seen)
                .as("3 in Kem, 3 in KeyTransport (with and without one-time keys), 3 in ElGamal and"
                        + " X25519 (the same), 2 in X-Wing")
                .isEqualTo(14);

        for (Class<?> checked :
                List.of(Kem.CheckedValue.class, Kem.CheckedPublicKey.class, Kem.CheckedCiphertext.class)) {
            assertThat(checked.isSealed()).as(checked.getName()).isTrue();
        }
        for (Class<?> type : List.of(Kem.CheckedPublicKey.class, Kem.CheckedCiphertext.class)) {
            assertThat(type.getPermittedSubclasses()).hasSize(3);
            for (Class<?> impl : type.getPermittedSubclasses()) {
                assertThat(impl.getPackage()).isEqualTo(Kem.class.getPackage());
                assertThat(Modifier.isPublic(impl.getModifiers()))
                        .as(impl.getName())
                        .isFalse();
                assertThat(impl.getDeclaredConstructors())
                        .allSatisfy(ctor -> assertThat(Modifier.isPrivate(ctor.getModifiers()))
                                .as(ctor.toString())
                                .isTrue());
            }
        }
    }
}
