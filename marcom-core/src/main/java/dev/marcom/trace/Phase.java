package dev.marcom.trace;

import dev.marcom.CipherSuite;
import dev.marcom.SignatureAlgorithm;

/**
 * Which primitive or layer a {@link TraceEvent} concerns; demos give each its own colour. For a
 * {@link TraceEvent.Failure} it is what failed. The steps of the handshake, which group events of
 * several of these, are {@link HandshakePhase}s.
 */
public enum Phase {
    /** Frames on the wire, connection open and close; malformed input. */
    NETWORK,
    /**
     * Hellos, negotiation, identities and trust, Finished MACs, the key schedule, and the
     * boundaries of {@link HandshakePhase}s.
     */
    KEY_EXCHANGE,
    /** The classic suites' key transport: the ElGamal key pair, its validation, c1 and c2. */
    ELGAMAL,
    /** AES-256-GCM record protection: nonce, tag, sizes. */
    AES_GCM,
    /** SHA-256 digests of transcripts and messages. */
    SHA256,
    /** DSA signatures: created and verified. */
    DSA,
    /** The modern suite's key transport: hashed ElGamal on Curve25519 (X25519). */
    X25519,
    /** The pq suite's key transport: the X-Wing hybrid of ML-KEM-768 and X25519. */
    ML_KEM,
    /** Ed25519 signatures: created and verified. */
    ED25519,
    /** ML-DSA-65 signatures: created and verified. */
    ML_DSA;

    /**
     * Returns the phase of a signature algorithm's events and failures.
     *
     * @param algorithm a signature algorithm
     * @return {@link #DSA}, {@link #ED25519} or {@link #ML_DSA}
     */
    public static Phase of(SignatureAlgorithm algorithm) {
        return switch (algorithm) {
            case DSA_2048_256, DSA_3072_256 -> DSA;
            case ED25519 -> ED25519;
            case ML_DSA_65 -> ML_DSA;
        };
    }

    /**
     * Returns the phase of a suite's key-transport events and failures.
     *
     * @param suite a cipher suite
     * @return {@link #ELGAMAL}, {@link #X25519} or {@link #ML_KEM}
     */
    public static Phase of(CipherSuite suite) {
        return switch (suite) {
            case CLASSIC, CLASSIC_3072 -> ELGAMAL;
            case MODERN -> X25519;
            case PQ -> ML_KEM;
        };
    }
}
