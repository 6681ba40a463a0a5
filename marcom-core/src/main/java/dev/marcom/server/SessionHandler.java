package dev.marcom.server;

import dev.marcom.identity.PeerIdentity;
import dev.marcom.session.VerifiedMessage;

/**
 * What an application of {@link MarcomServer} or {@link MarcomConnector} is told about each of
 * its connections. The events of one connection come in this order and never concurrently:
 * {@link #established}, then any number of {@link #message}s (and {@link #writable}s), then
 * exactly one of {@link #closed} or {@link #failed}. A connection whose handshake fails gets only
 * {@link #failed}. Different connections' events run concurrently on the worker threads.
 *
 * <p>Implementations must not throw (an exception is ignored) and should return promptly: a
 * handler that blocks holds a worker thread, and this connection's further events wait for it.
 * Sending from a handler, for example an answer from {@link #message}, is fine.
 *
 * <h2>Security guarantees</h2>
 * {@link #established} is called only after the handshake completed: the peer proved possession
 * of its identity key and passed the {@link dev.marcom.identity.TrustPolicy}. {@link #message}
 * delivers only a {@link VerifiedMessage} whose record, sequence number and DSA signature
 * verified, in the order the peer sent them, each exactly once.
 */
public interface SessionHandler {

    /**
     * The handshake completed. The connection's {@link Connection#send} may be used from now on.
     *
     * @param connection the connection
     * @param peer the peer's authenticated identity, accepted by the trust policy
     */
    default void established(Connection connection, PeerIdentity peer) {}

    /**
     * A message arrived and every check passed.
     *
     * @param connection the connection it arrived on
     * @param message the verified message
     */
    void message(Connection connection, VerifiedMessage message);

    /**
     * A send was refused with {@link OutboundQueueFullException} earlier, and the queue has since
     * drained to half of {@link Limits#maxQueuedBytes()}: sending may resume.
     *
     * @param connection the connection
     */
    default void writable(Connection connection) {}

    /**
     * The established session ended cleanly: last event of the connection.
     *
     * @param connection the connection
     * @param reason who ended it
     */
    default void closed(Connection connection, CloseReason reason) {}

    /**
     * The handshake or the session failed; the transport is closed: last event of the connection.
     * Messages delivered before it are authentic; nothing after them is known.
     *
     * @param connection the connection ({@link Connection#peer()} is empty if the handshake did not
     *     complete)
     * @param cause a {@link dev.marcom.MarcomException} for a security, protocol, trust or
     *     handshake-timeout failure (e.g. {@link dev.marcom.AuthenticationException}, {@link
     *     dev.marcom.identity.UntrustedPeerException}, {@link dev.marcom.HandshakeTimeoutException},
     *     {@link StreamsNotSupportedException}), or an {@link java.io.IOException} for a transport
     *     failure (e.g. {@link dev.marcom.transport.ConnectionLostException}, {@link
     *     dev.marcom.transport.IdleTimeoutException}, {@link
     *     dev.marcom.transport.NotMarcomPeerException}, {@link OverloadedException})
     */
    default void failed(Connection connection, Exception cause) {}
}
