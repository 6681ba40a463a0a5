package dev.marcom.internal.crypto;

/**
 * A key-derivation function in the extract-then-expand shape of HKDF (RFC 5869), as the key
 * schedule uses it.
 */
public interface Kdf {
    /**
     * Extracts a pseudorandom key from input keying material.
     *
     * @param salt the salt
     * @param ikm the input keying material
     * @return the pseudorandom key
     */
    byte[] extract(byte[] salt, byte[] ikm);

    /**
     * Expands a pseudorandom key into {@code length} bytes bound to {@code info}.
     *
     * @param prk a pseudorandom key from {@link #extract}
     * @param info the context and label
     * @param length how many bytes
     * @return the output keying material
     * @throws IllegalArgumentException if {@code length} is beyond what the function can give
     */
    byte[] expand(byte[] prk, byte[] info, int length);
}
