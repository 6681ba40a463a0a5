package dev.marcom.trace;

/** Which of the peer's ElGamal group elements a {@link TraceEvent.ElGamalValueValidated} checked. */
public enum ElGamalValue {
    /** The server's ephemeral public key y = g^x mod p, checked by the client. */
    PUBLIC_KEY,
    /** The first part of the ciphertext, c1 = g^r mod p, checked by the server. */
    C1
}
