package dev.marcom.internal.crypto;

import java.security.SecureRandom;

/**
 * A key-encapsulation mechanism: the receiver publishes a public key, the sender derives a shared
 * secret and a ciphertext from it, the receiver recovers the shared secret from the ciphertext.
 * {@link KeyTransport} builds MARCOM's key transport on any of them (KEM + AES-GCM, as hashed
 * ElGamal is DH + AES-GCM). Implementations are thread-safe and validate every public value a peer
 * sends exactly once: {@link #checkPublicKey} and {@link #checkCiphertext} return the value in a
 * checked type, and only that type is accepted by {@link #encapsulate} and {@link #decapsulate}.
 */
public interface Kem {
    /** A receiver's key pair; the private half stays inside the implementation. */
    interface KeyPair {
        /**
         * Returns the public key.
         *
         * @return its encoding on the wire
         */
        byte[] publicKey();

        /** Zeroes the private key where it is held in arrays; the key pair is unusable after. */
        default void destroy() {}
    }

    /**
     * What encapsulation gives the sender.
     *
     * @param ciphertext what the receiver needs to recover the shared secret
     * @param sharedSecret the shared secret, to be erased after use
     */
    record Encapsulation(byte[] ciphertext, byte[] sharedSecret) {}

    /**
     * Returns the mechanism's family, as error messages name it.
     *
     * @return a name such as {@code ElGamal}
     */
    String family();

    /**
     * Returns the label that separates this mechanism's key transport from every other use of the
     * key-derivation function.
     *
     * @return the label's bytes
     */
    byte[] label();

    /**
     * Generates a receiver's key pair.
     *
     * @param random the source of the private key
     * @return the key pair
     */
    KeyPair generateKeyPair(SecureRandom random);

    /**
     * A public value received from a peer that passed the checks of the mechanism that made it.
     * Only MARCOM's mechanisms make one, and each accepts only its own (from its own group): holding
     * one proves the checks ran, so {@link #encapsulate} and {@link #decapsulate} do not run them
     * again.
     */
    sealed interface CheckedValue permits CheckedPublicKey, CheckedCiphertext {
        /**
         * Returns the mechanism that checked it.
         *
         * @return that mechanism
         */
        Kem kem();

        /**
         * Returns the encoding that was checked.
         *
         * @return a copy of its encoding on the wire
         */
        byte[] encoded();
    }

    /** A peer's public key that passed {@link #checkPublicKey}. */
    sealed interface CheckedPublicKey extends CheckedValue
            permits ElGamalKem.Element, X25519Kem.Point, XWingKem.CheckedKey {}

    /** A peer's ciphertext that passed {@link #checkCiphertext}. */
    sealed interface CheckedCiphertext extends CheckedValue
            permits ElGamalKem.Element, X25519Kem.Point, XWingKem.CheckedCiphertext {}

    /**
     * Checks a public key received from a peer, once: the result is what {@link #encapsulate}
     * takes.
     *
     * @param publicKey its encoding, copied
     * @return the checked public key
     * @throws IllegalArgumentException naming the check that failed
     */
    CheckedPublicKey checkPublicKey(byte[] publicKey);

    /**
     * Checks a ciphertext received from a peer before it is used, once: the result is what {@link
     * #decapsulate} takes.
     *
     * @param ciphertext its encoding, copied
     * @return the checked ciphertext
     * @throws IllegalArgumentException naming the check that failed
     */
    CheckedCiphertext checkCiphertext(byte[] ciphertext);

    /**
     * Derives a shared secret for the holder of {@code publicKey}.
     *
     * @param publicKey the receiver's public key, checked by this mechanism
     * @param random the source of the encapsulation's randomness
     * @return the ciphertext and the shared secret
     * @throws IllegalArgumentException if another mechanism (or group) checked the public key, or
     *     the result is degenerate
     */
    Encapsulation encapsulate(CheckedPublicKey publicKey, SecureRandom random);

    /**
     * Derives a shared secret for the holder of {@code publicKey}, taking the ephemeral key pair
     * of a Diffie–Hellman-based encapsulation from {@code keys}. Mechanisms whose encapsulation is
     * not a key agreement with a key pair of their own (X-Wing) draw from {@code random} alone, as
     * {@link #encapsulate(CheckedPublicKey, SecureRandom)} does.
     *
     * @param publicKey the receiver's public key, as {@link #checkPublicKey} passed it
     * @param keys the source of the ephemeral key pair, which is destroyed after use
     * @param random the source of any other randomness
     * @return the ciphertext and the shared secret
     * @throws IllegalArgumentException if the key was checked by another mechanism or the result
     *     is degenerate
     */
    default Encapsulation encapsulate(CheckedPublicKey publicKey, OneTimeKeys keys, SecureRandom random) {
        return encapsulate(publicKey, random);
    }

    /**
     * Recovers the shared secret.
     *
     * @param keys the receiver's key pair, from {@link #generateKeyPair} of this mechanism
     * @param ciphertext the sender's ciphertext, checked by this mechanism
     * @return the shared secret, to be erased after use
     * @throws IllegalArgumentException if another mechanism (or group) checked the ciphertext, or
     *     the result is degenerate
     */
    byte[] decapsulate(KeyPair keys, CheckedCiphertext ciphertext);
}
