package dev.marcom.internal.crypto;

import javax.crypto.AEADBadTagException;

/**
 * An authenticated cipher with associated data, as the record layer uses it: sizes, and a keyed
 * instance that seals and opens into caller-supplied arrays. Implementations never choose nonces;
 * the record layer derives a fresh one for every record.
 */
public interface Aead {
    /**
     * Returns the key size.
     *
     * @return bytes of a key
     */
    int keyBytes();

    /**
     * Returns the nonce size.
     *
     * @return bytes of a nonce
     */
    int nonceBytes();

    /**
     * Returns the tag size.
     *
     * @return bytes a sealed message is longer than its plaintext
     */
    int tagBytes();

    /**
     * Returns the cipher under one key.
     *
     * @param key {@link #keyBytes()} bytes; copied
     * @return a keyed instance, not thread-safe
     */
    Keyed withKey(byte[] key);

    /** The cipher under one key. One instance per direction: it is not thread-safe. */
    interface Keyed {
        /**
         * Encrypts {@code head} followed by {@code content[offset, offset + length)} as one
         * plaintext into {@code out} at {@code outOffset}.
         *
         * @return bytes written: both parts and the tag
         */
        int sealParts(
                byte[] nonce,
                byte[] aad,
                byte[] head,
                byte[] content,
                int offset,
                int length,
                byte[] out,
                int outOffset);

        /**
         * Decrypts and authenticates {@code ciphertext[offset, offset + length)} into {@code out}.
         *
         * @return bytes of plaintext written
         * @throws AEADBadTagException if it does not authenticate
         */
        int open(byte[] nonce, byte[] aad, byte[] ciphertext, int offset, int length, byte[] out, int outOffset)
                throws AEADBadTagException;
    }
}
