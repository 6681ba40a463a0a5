package dev.marcom.internal.crypto;

import java.security.SecureRandom;

/**
 * A key-encapsulation mechanism: the receiver publishes a public key, the sender derives a shared
 * secret and a ciphertext from it, the receiver recovers the shared secret from the ciphertext.
 * {@link KeyTransport} builds MARCOM's key transport on any of them (KEM + AES-GCM, as hashed
 * ElGamal is DH + AES-GCM). Implementations validate every public value they are given and are
 * thread-safe.
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
     * Checks a public key received from a peer.
     *
     * @param publicKey its encoding
     * @throws IllegalArgumentException naming the check that failed
     */
    void checkPublicKey(byte[] publicKey);

    /**
     * Checks a ciphertext received from a peer before it is used.
     *
     * @param ciphertext its encoding
     * @throws IllegalArgumentException naming the check that failed
     */
    void checkCiphertext(byte[] ciphertext);

    /**
     * Derives a shared secret for the holder of {@code publicKey}.
     *
     * @param publicKey the receiver's public key, which is checked first
     * @param random the source of the encapsulation's randomness
     * @return the ciphertext and the shared secret
     * @throws IllegalArgumentException if the public key fails a check or the result is degenerate
     */
    Encapsulation encapsulate(byte[] publicKey, SecureRandom random);

    /**
     * Recovers the shared secret.
     *
     * @param keys the receiver's key pair, from {@link #generateKeyPair} of this mechanism
     * @param ciphertext the sender's ciphertext, which is checked first
     * @return the shared secret, to be erased after use
     * @throws IllegalArgumentException if the ciphertext fails a check or the result is degenerate
     */
    byte[] decapsulate(KeyPair keys, byte[] ciphertext);
}
