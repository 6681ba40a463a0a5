package dev.marcom.identity;

import dev.marcom.MarcomException;

/**
 * The peer proved possession of its identity key, but the {@link dev.marcom.identity.TrustPolicy}
 * refused that identity. Carries the refused identity so an application can show its fingerprint.
 */
public class UntrustedPeerException extends MarcomException {
    private static final long serialVersionUID = 1L;

    private final transient PeerIdentity peer;

    /**
     * Creates a refusal; the message is {@code reason} followed by the peer's fingerprint.
     *
     * @param peer the refused identity
     * @param reason why it was refused
     */
    public UntrustedPeerException(PeerIdentity peer, String reason) {
        super(reason + " (peer " + peer.fingerprint() + ")");
        this.peer = peer;
    }

    /**
     * A refusal caused by {@code cause}, for policies that could not reach a decision (for example
     * because their store could not be read) and therefore refuse, failing closed.
     *
     * @param peer the refused identity
     * @param reason why it was refused
     * @param cause what kept the policy from deciding, or {@code null}
     */
    public UntrustedPeerException(PeerIdentity peer, String reason, Throwable cause) {
        super(reason + " (peer " + peer.fingerprint() + ")", cause);
        this.peer = peer;
    }

    /**
     * Returns the identity that was refused. The field is transient: a deserialized exception has
     * none.
     *
     * @return the refused identity, or null if this exception was deserialized
     */
    public PeerIdentity peer() {
        return peer;
    }
}
