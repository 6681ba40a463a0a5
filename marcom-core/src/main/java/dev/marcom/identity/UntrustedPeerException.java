package dev.marcom.identity;

import dev.marcom.MarcomException;

/**
 * The peer proved possession of its identity key, but the {@link dev.marcom.identity.TrustPolicy}
 * refused that identity. Carries the refused identity so an application can show its fingerprint.
 */
public class UntrustedPeerException extends MarcomException {
  private static final long serialVersionUID = 1L;

  private final transient PeerIdentity peer;

  public UntrustedPeerException(PeerIdentity peer, String reason) {
    super(reason + " (peer " + peer.fingerprint() + ")");
    this.peer = peer;
  }

  /**
   * A refusal caused by {@code cause}, for policies that could not reach a decision (for example
   * because their store could not be read) and therefore refuse, failing closed.
   */
  public UntrustedPeerException(PeerIdentity peer, String reason, Throwable cause) {
    super(reason + " (peer " + peer.fingerprint() + ")", cause);
    this.peer = peer;
  }

  /** The identity that was refused. */
  public PeerIdentity peer() {
    return peer;
  }
}
