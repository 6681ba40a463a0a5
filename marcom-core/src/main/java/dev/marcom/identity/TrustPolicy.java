package dev.marcom.identity;

import dev.marcom.Fingerprint;
import java.util.Objects;
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

    /**
     * Accepts {@code peer} by returning normally, or refuses it by throwing.
     *
     * @param peer the identity the peer proved possession of
     * @throws UntrustedPeerException to refuse the peer; the handshake then fails
     */
    void check(PeerIdentity peer) throws UntrustedPeerException;

    /**
     * A policy that accepts a peer only if this policy and then {@code next} accept it. {@code next}
     * is not consulted when this policy refuses, so a recording policy placed second (such as
     * {@link KnownPeers#tofu(String)}) never records a peer the first one refused.
     *
     * @param next the policy consulted after this one accepted
     * @return the combined policy
     * @throws NullPointerException if {@code next} is null
     */
    default TrustPolicy and(TrustPolicy next) {
        Objects.requireNonNull(next, "next");
        return peer -> {
            check(peer);
            next.check(peer);
        };
    }

    /**
     * Accepts every identity. <b>Warning:</b> this gives no protection against an active man in the
     * middle; it is for tests and for demos that show fingerprints to be compared by hand.
     *
     * @return a policy that never throws
     */
    static TrustPolicy acceptAny() {
        return peer -> {};
    }

    /**
     * Accepts only the identity with fingerprint {@code expected}, typically obtained out of band for
     * one connection. Refuses any other with an {@link UntrustedPeerException} naming the expected
     * and the presented fingerprint. Records nothing; to record the expected identity in a
     * known-peers file as well, use {@code expect(fp).and(knownPeers.tofu(address))} (see
     * {@link KnownPeers#tofu(String)}).
     *
     * @param expected the only fingerprint to accept
     * @return the policy
     * @throws NullPointerException if {@code expected} is null
     */
    static TrustPolicy expect(Fingerprint expected) {
        Objects.requireNonNull(expected, "expected");
        return peer -> {
            if (!expected.equals(peer.fingerprint())) {
                throw new UntrustedPeerException(
                        peer, "expected identity " + expected + " but the peer presented " + peer.fingerprint());
            }
        };
    }

    /**
     * Accepts only identities whose fingerprint is one of {@code fingerprints}; refuses any other
     * with an {@link UntrustedPeerException}. Records nothing.
     *
     * @param fingerprints the accepted fingerprints; none refuses every peer
     * @return the policy
     * @throws IllegalArgumentException if a fingerprint is given twice
     * @throws NullPointerException if a fingerprint is null
     */
    static TrustPolicy pinned(Fingerprint... fingerprints) {
        Set<Fingerprint> allowed = Set.of(fingerprints);
        return peer -> {
            if (!allowed.contains(peer.fingerprint())) {
                throw new UntrustedPeerException(peer, "identity is not pinned");
            }
        };
    }
}
