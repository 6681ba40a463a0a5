package dev.marcom.internal.crypto;

import dev.marcom.AuthenticationException;
import dev.marcom.MalformedInputException;
import dev.marcom.SignatureAlgorithm;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;

/**
 * One signature algorithm behind the seam the protocol signs and verifies through: key
 * generation, the key formats (X.509 SubjectPublicKeyInfo and PKCS#8, both DER) with every check
 * an identity key must pass, signing and verification. {@link SignatureSchemes} finds the scheme
 * of an algorithm or of an encoded key. Implementations are stateless and thread-safe.
 */
public interface SignatureScheme {
    /**
     * Returns the algorithm this scheme implements.
     *
     * @return the algorithm
     */
    SignatureAlgorithm algorithm();

    /**
     * Generates a key pair.
     *
     * @param random the source of the private key
     * @return a fresh key pair
     */
    KeyPair generateKeyPair(SecureRandom random);

    /**
     * Decodes and validates a public key: canonical DER (so one key has one fingerprint), this
     * algorithm with supported parameters, and every value in range.
     *
     * @param subjectPublicKeyInfo the DER encoding
     * @return the key
     * @throws MalformedInputException if any check fails
     */
    PublicKey decodePublicKey(byte[] subjectPublicKeyInfo) throws MalformedInputException;

    /**
     * Decodes and validates a private key and derives its public key.
     *
     * @param pkcs8 the DER PKCS#8 PrivateKeyInfo
     * @return the key pair
     * @throws MalformedInputException if it is not a valid key of this algorithm
     */
    KeyPair decodePrivateKey(byte[] pkcs8) throws MalformedInputException;

    /**
     * Signs {@code data}.
     *
     * @param key a private key of this algorithm
     * @param data the bytes to sign
     * @return the signature, in the algorithm's encoding
     */
    byte[] sign(PrivateKey key, byte[] data);

    /**
     * Verifies a signature and returns only if it is valid: there is no boolean to forget.
     *
     * @param key a public key of this algorithm, as {@link #decodePublicKey} returned it
     * @param data the bytes that were signed
     * @param signature the signature
     * @param failure the message of the exception thrown otherwise, naming what was being verified
     * @throws AuthenticationException with message {@code failure} if it is malformed or invalid
     */
    void verify(PublicKey key, byte[] data, byte[] signature, String failure) throws AuthenticationException;
}
