package dev.marcom.handshake;

import dev.marcom.CipherSuite;
import dev.marcom.Role;
import dev.marcom.identity.PeerIdentity;
import dev.marcom.session.Session;
import dev.marcom.session.SessionConfig;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * How a finished handshake hands its keys to a new {@link Session}. {@code Session} has no public
 * constructor; this class reaches its private one through {@link
 * MethodHandles#privateLookupIn}, which the module system grants only to code of the same module
 * ({@code dev.marcom.session} is exported, not opened). So code outside {@code dev.marcom.core}
 * cannot build a session from keys of its choosing: sessions come from handshakes. (On the class
 * path there is no module boundary, and reflection can reach anything; the guarantee is the
 * module system's.)
 */
final class SessionOpening {
    private static final MethodHandle CONSTRUCTOR = constructor();

    private SessionOpening() {}

    /** Starts the session; it takes ownership of both traffic secrets and erases them. */
    static Session open(
            Role role,
            CipherSuite suite,
            byte[] sessionId,
            PeerIdentity peer,
            byte[] sendSecret,
            byte[] receiveSecret,
            SessionConfig config) {
        try {
            return (Session) CONSTRUCTOR.invokeExact(role, suite, sessionId, peer, sendSecret, receiveSecret, config);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            // The constructor declares no checked exception.
            throw new IllegalStateException(e);
        }
    }

    private static MethodHandle constructor() {
        try {
            return MethodHandles.privateLookupIn(Session.class, MethodHandles.lookup())
                    .findConstructor(
                            Session.class,
                            MethodType.methodType(
                                    void.class,
                                    Role.class,
                                    CipherSuite.class,
                                    byte[].class,
                                    PeerIdentity.class,
                                    byte[].class,
                                    byte[].class,
                                    SessionConfig.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
