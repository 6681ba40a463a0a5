package dev.marcom.internal.crypto;

import java.security.SecureRandom;

/**
 * Where a handshake takes its one-time KEM key pairs from: the server's KEM key, and the
 * ephemeral key of a Diffie–Hellman-based encapsulation (ElGamal, X25519). Each pair handed out is
 * handed out once, to be used once and destroyed. {@link #fresh} generates each on demand; a pool
 * may have made them ahead, off the handshake's thread.
 */
@FunctionalInterface
public interface OneTimeKeys {
    /**
     * Returns a key pair of {@code kem} that nobody else was or will be given.
     *
     * @param kem the mechanism
     * @return a key pair from {@code kem.generateKeyPair}
     */
    Kem.KeyPair take(Kem kem);

    /**
     * Generates every key pair when it is asked for.
     *
     * @param random the source of the private keys
     * @return the source
     */
    static OneTimeKeys fresh(SecureRandom random) {
        return kem -> kem.generateKeyPair(random);
    }
}
