package dev.marcom.trace;

/** The protocol phase a {@link TraceEvent} belongs to; demos give each phase its own colour. */
public enum Phase {
  /** Frames on the wire, connection open and close. */
  NETWORK,
  /** Hellos, negotiation, identities, Finished MACs and the key schedule. */
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
