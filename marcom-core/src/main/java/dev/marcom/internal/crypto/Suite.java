package dev.marcom.internal.crypto;

import dev.marcom.CipherSuite;

/**
 * What a {@link CipherSuite} is made of behind the seams the protocol code talks to: the
 * {@link Kem} its key transport runs on, the {@link Aead} that protects its records and the
 * {@link Kdf} of its key schedule. Signatures are not part of a suite but of each side's identity
 * ({@link SignatureScheme}). Adding a suite means a constant in {@code CipherSuite}, a line here
 * and, for a new mechanism, one class behind its interface; the handshake's state machine and the
 * record layer stay as they are.
 *
 * @param id the suite as the API and the wire name it
 * @param kem the key-encapsulation mechanism of its key transport
 * @param aead the record protection
 * @param kdf the key derivation of the key schedule and the record layer
 */
public record Suite(CipherSuite id, Kem kem, Aead aead, Kdf kdf) {
    private static final Suite FFDHE2048 = new Suite(
            CipherSuite.ELGAMAL_FFDHE2048_AES256GCM_SHA256_DSA,
            ElGamalKem.of(DhGroup.FFDHE2048),
            AesGcm.AES_256,
            Hkdf.SHA256);
    private static final Suite FFDHE3072 = new Suite(
            CipherSuite.ELGAMAL_FFDHE3072_AES256GCM_SHA256_DSA,
            ElGamalKem.of(DhGroup.FFDHE3072),
            AesGcm.AES_256,
            Hkdf.SHA256);

    /**
     * Returns what {@code id} is made of.
     *
     * @param id a suite this version knows
     * @return its algorithms
     */
    public static Suite of(CipherSuite id) {
        return switch (id) {
            case ELGAMAL_FFDHE2048_AES256GCM_SHA256_DSA -> FFDHE2048;
            case ELGAMAL_FFDHE3072_AES256GCM_SHA256_DSA -> FFDHE3072;
        };
    }
}
