package dev.marcom.internal.session;

import dev.marcom.handshake.CipherSuite;
import dev.marcom.handshake.Role;
import dev.marcom.identity.PeerIdentity;
import dev.marcom.session.SessionConfig;

/**
 * What a finished handshake hands to its {@link dev.marcom.session.Session}: the agreed suite,
 * the session id (the final transcript hash), the authenticated peer and the two traffic secrets.
 * The session takes ownership of the secret arrays and erases them.
 */
public record SessionKeys(Role role, CipherSuite suite, byte[] sessionId, PeerIdentity peer,
    byte[] sendSecret, byte[] receiveSecret, SessionConfig config) {
}
