package dev.marcom.trace;

/** Which of the peer's key-transport values a {@link TraceEvent.KemValueValidated} checked. */
public enum KemValue {
    /** The server's one-time public key (ElGamal y = g^x mod p, an X25519 or X-Wing key), checked by the client. */
    PUBLIC_KEY,
    /** The ciphertext's first part, c1 (ElGamal g^r mod p, an X25519 or X-Wing ciphertext), checked by the server. */
    C1
}
