package dev.marcom.identity;

import dev.marcom.UntrustedPeerException;
import java.util.Set;

/**
 * Decides whether a peer's identity is acceptable. Called once per handshake, after the peer has
 * proved possession of the identity's private key and before any application data flows.
 *
 * <p>Contract: return normally to accept; throw {@link UntrustedPeerException} (carrying the peer)
 * to refuse. Implementations may record the identity (trust on first use) but must be safe to
 * call from several handshakes at once.
 */
@FunctionalInterface
public interface TrustPolicy {

  void check(PeerIdentity peer) throws UntrustedPeerException;

  /**
   * Accepts every identity. <b>Warning:</b> this gives no protection against an active man in the
   * middle; it is for tests and for demos that show fingerprints to be compared by hand.
   */
  static TrustPolicy acceptAny() {
    return peer -> { };
  }

  /** Accepts only identities whose fingerprint is one of {@code fingerprints}. */
  static TrustPolicy pinned(Fingerprint... fingerprints) {
    Set<Fingerprint> allowed = Set.of(fingerprints);
    return peer -> {
      if (!allowed.contains(peer.fingerprint())) {
        throw new UntrustedPeerException(peer, "identity is not pinned");
      }
    };
  }
}
