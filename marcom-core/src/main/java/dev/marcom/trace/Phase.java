package dev.marcom.trace;

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
    /** The ElGamal key pair, its validation, and the key encapsulation (c1, c2). */
    ELGAMAL,
    /** AES-256-GCM record protection: nonce, tag, sizes. */
    AES_GCM,
    /** SHA-256 digests of transcripts and messages. */
    SHA256,
    /** DSA signatures: created and verified. */
    DSA
}
