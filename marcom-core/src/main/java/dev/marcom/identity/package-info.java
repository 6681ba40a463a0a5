/**
 * Long-term DSA identities ({@link dev.marcom.identity.Identity}), their public form
 * ({@link dev.marcom.identity.PeerIdentity}, {@link dev.marcom.identity.Fingerprint}) and the
 * pluggable {@link dev.marcom.identity.TrustPolicy} that accepts or refuses a peer.
 */
package dev.marcom.identity;
