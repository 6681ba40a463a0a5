/**
 * Long-term DSA identities ({@link dev.marcom.identity.Identity}), their public form
 * ({@link dev.marcom.identity.PeerIdentity}, {@link dev.marcom.Fingerprint}) and the
 * pluggable {@link dev.marcom.identity.TrustPolicy} that accepts or refuses a peer: pinned or
 * expected fingerprints, or a {@link dev.marcom.identity.KnownPeers} file with trust on first use
 * ({@link dev.marcom.identity.KnownPeerPolicy},
 * {@link dev.marcom.identity.ChangedPeerKeyException}).
 * {@link dev.marcom.identity.SafetyNumber} lets two people compare both identities aloud.
 */
package dev.marcom.identity;
