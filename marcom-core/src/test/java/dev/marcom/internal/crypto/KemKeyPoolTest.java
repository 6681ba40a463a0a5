package dev.marcom.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.Bytes;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pool of one-time KEM key pairs made ahead: every pair is handed out once, the pool fills up
 * to its depth in the background and no further, a taker never waits for an empty pool, and
 * {@link KemKeyPool#clear} drops what waits.
 */
@Timeout(60)
class KemKeyPoolTest {
    private static final Kem ELGAMAL = ElGamalKem.of(DhGroup.FFDHE2048);

    /** Waits (without a timing assertion: the class timeout bounds it) until {@code kem}'s lane is full. */
    private static void awaitFull(KemKeyPool pool, Kem kem) throws InterruptedException {
        while (pool.waiting(kem) < pool.depth()) {
            Thread.sleep(5);
        }
    }

    @Test
    void handsOutEveryPairOnceAndRefillsToItsDepth() throws Exception {
        KemKeyPool pool = new KemKeyPool(3, new SecureRandom());
        Set<Bytes> seen = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            Kem.KeyPair pair = pool.take(ELGAMAL);
            assertThat(pair).isInstanceOf(ElGamalKem.KeyPair.class);
            assertThat(seen.add(Bytes.of(pair.publicKey())))
                    .as("pair %d is new", i)
                    .isTrue();
            if (i % 4 == 0) {
                awaitFull(pool, ELGAMAL);
            }
        }
        awaitFull(pool, ELGAMAL);
        assertThat(pool.waiting(ELGAMAL)).isEqualTo(3);
        assertThat(pool.waiting(X25519Kem.INSTANCE)).isZero();
    }

    @Test
    void pairsMadeAheadAreValidForTheirMechanism() throws Exception {
        KemKeyPool pool = new KemKeyPool(2, new SecureRandom());
        for (Kem kem : new Kem[] {ELGAMAL, ElGamalKem.of(DhGroup.FFDHE3072), X25519Kem.INSTANCE, XWingKem.INSTANCE}) {
            pool.take(kem);
            awaitFull(pool, kem);
            Kem.KeyPair receiver = pool.take(kem);
            Kem.Encapsulation e = kem.encapsulate(kem.checkPublicKey(receiver.publicKey()), pool, new SecureRandom());
            byte[] z = kem.decapsulate(receiver, kem.checkCiphertext(e.ciphertext()));
            assertThat(z).as("%s", kem).isEqualTo(e.sharedSecret());
        }
    }

    @Test
    void aKeyPairOfAnotherMechanismIsRefused() {
        OneTimeKeys wrong = kem -> X25519Kem.INSTANCE.generateKeyPair(new SecureRandom());
        Kem.CheckedPublicKey y = ELGAMAL.checkPublicKey(
                ELGAMAL.generateKeyPair(new SecureRandom()).publicKey());
        assertThatThrownBy(() -> ELGAMAL.encapsulate(y, wrong, new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class);
        OneTimeKeys otherGroup = kem -> ElGamalKem.of(DhGroup.FFDHE3072).generateKeyPair(new SecureRandom());
        assertThatThrownBy(() -> ELGAMAL.encapsulate(y, otherGroup, new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clearDropsWhatWaits() throws Exception {
        KemKeyPool pool = new KemKeyPool(2, new SecureRandom());
        pool.take(X25519Kem.INSTANCE);
        awaitFull(pool, X25519Kem.INSTANCE);
        pool.clear();
        assertThat(pool.waiting(X25519Kem.INSTANCE)).isZero();
    }

    @Test
    void aFailingGeneratorFailsTheTakerAndNotThePool() {
        Kem failing = new FailingKem();
        KemKeyPool pool = new KemKeyPool(2, new SecureRandom());
        assertThatThrownBy(() -> pool.take(failing)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> pool.take(failing)).isInstanceOf(IllegalStateException.class);
        assertThat(pool.waiting(failing)).isZero();
    }

    @Test
    void depthIsBounded() {
        assertThatThrownBy(() -> new KemKeyPool(0, new SecureRandom())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KemKeyPool(KemKeyPool.MAX_DEPTH + 1, new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A mechanism whose key generation always fails. */
    private static final class FailingKem implements Kem {
        @Override
        public String family() {
            return "failing";
        }

        @Override
        public byte[] label() {
            return new byte[0];
        }

        @Override
        public KeyPair generateKeyPair(SecureRandom random) {
            throw new IllegalStateException("no keys today");
        }

        @Override
        public CheckedPublicKey checkPublicKey(byte[] publicKey) {
            throw new IllegalArgumentException("unused");
        }

        @Override
        public CheckedCiphertext checkCiphertext(byte[] ciphertext) {
            throw new IllegalArgumentException("unused");
        }

        @Override
        public Encapsulation encapsulate(CheckedPublicKey publicKey, SecureRandom random) {
            throw new IllegalArgumentException("unused");
        }

        @Override
        public byte[] decapsulate(KeyPair keys, CheckedCiphertext ciphertext) {
            throw new IllegalArgumentException("unused");
        }
    }
}
