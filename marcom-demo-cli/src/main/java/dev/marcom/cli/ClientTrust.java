package dev.marcom.cli;

import dev.marcom.identity.UntrustedPeerException;
import dev.marcom.identity.KnownPeers;
import dev.marcom.identity.PeerIdentity;
import dev.marcom.identity.TrustPolicy;

/**
 * How {@code listen} trusts clients. Clients have no stable address to key on, so known_peers
 * acts like OpenSSH's authorized_keys here: a client is known when its fingerprint appears on any
 * line. {@code tofu} accepts every client and reports whether it is new; {@code strict} accepts
 * only known clients. Nothing is written to the file by the listening side.
 */
final class ClientTrust implements TrustPolicy {
  private final KnownPeers knownPeers;
  private final boolean strict;
  private volatile boolean newPeer;

  ClientTrust(KnownPeers knownPeers, boolean strict) {
    this.knownPeers = knownPeers;
    this.strict = strict;
  }

  @Override
  public void check(PeerIdentity peer) throws UntrustedPeerException {
    boolean known;
    try {
      known = knownPeers.entries().stream()
          .anyMatch(e -> e.fingerprint().equals(peer.fingerprint()));
    } catch (Exception e) {
      throw new UntrustedPeerException(peer, "cannot read " + knownPeers.file() + ": "
          + e.getMessage(), e);
    }
    if (!known && strict) {
      throw new UntrustedPeerException(peer, "client is not listed in " + knownPeers.file()
          + " and --trust strict accepts only listed clients");
    }
    newPeer = !known;
  }

  /** Whether the last accepted client was not listed in known_peers. */
  boolean newPeer() {
    return newPeer;
  }
}
