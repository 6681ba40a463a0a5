package dev.marcom.handshake;

import dev.marcom.CipherSuite;
import dev.marcom.Role;
import dev.marcom.identity.PeerIdentity;
import dev.marcom.session.Session;
import dev.marcom.session.SessionConfig;

/**
 * TEST ONLY: a session straight from traffic secrets, through the same hand-over the handshake
 * uses ({@link SessionOpening}), so fuzz inputs get sessions without paying for a handshake.
 */
public final class DirectSessions {
    private DirectSessions() {}

    /** See {@link SessionOpening#open}. */
    public static Session open(
            Role role,
            CipherSuite suite,
            byte[] sessionId,
            PeerIdentity peer,
            byte[] sendSecret,
            byte[] receiveSecret,
            SessionConfig config) {
        return SessionOpening.open(role, suite, sessionId, peer, sendSecret, receiveSecret, config);
    }
}
