package dev.marcom.trace;

/**
 * A step of the handshake, announced by {@link TraceEvent.PhaseStarted} and closed by
 * {@link TraceEvent.PhaseEnded}, so that a view can group the events in between. Phases never
 * overlap or nest: starting one ends the one before. They follow the protocol's order, which
 * interleaves its goals, so a phase may occur more than once on one side (the client checks the
 * server's signature, then its ElGamal key, then asks the trust policy). A client runs
 *
 * <pre>
 * NEGOTIATION, AUTHENTICATION, KEY_TRANSPORT, AUTHENTICATION, KEY_TRANSPORT, AUTHENTICATION,
 * KEY_CONFIRMATION, KEY_DERIVATION
 * </pre>
 *
 * <p>and a server
 *
 * <pre>
 * NEGOTIATION, KEY_TRANSPORT, AUTHENTICATION, KEY_TRANSPORT, KEY_CONFIRMATION, AUTHENTICATION,
 * KEY_CONFIRMATION, KEY_DERIVATION
 * </pre>
 *
 * <p>Not to be confused with {@link Phase}, which says which primitive or layer an event concerns
 * and picks its colour: the events of one handshake phase have various {@link Phase}s.
 */
public enum HandshakePhase {
    /** The hellos: versions, suites and nonces, until a version and a suite are agreed. */
    NEGOTIATION,
    /**
     * Hashed ElGamal key transport: the server's fresh key pair, the validation of y and c1, and
     * the encryption (client) or decryption (server) of the transported secret.
     */
    KEY_TRANSPORT,
    /**
     * Identities: the DSA handshake signatures over the transcript (created and verified) and the
     * trust policy's decision on the peer; a server refuses a client here.
     */
    AUTHENTICATION,
    /** Key confirmation: the Finished MACs, computed and verified. */
    KEY_CONFIRMATION,
    /**
     * The session id and the traffic keys (HKDF-SHA256), reported by the record layer that
     * installs them; the handshake completes after this phase.
     */
    KEY_DERIVATION
}
