package dev.marcom.server;

/**
 * A snapshot of a {@link MarcomServer}'s or {@link MarcomConnector}'s connections and counters.
 *
 * @param connections connections open now, in any phase
 * @param handshakes connections in the handshake now
 * @param opened connections accepted (server) or connected (connector) since start, rejected
 *     ones not included
 * @param rejected connections closed at once because a {@link Limits} value was reached
 * @param evicted handshakes that waited for their peer and gave their place to a newer connection
 * @param established handshakes completed since start
 * @param failed connections that ended with {@link SessionHandler#failed} since start
 * @param closed established connections that ended with {@link SessionHandler#closed} since start
 */
public record Stats(
        int connections,
        int handshakes,
        long opened,
        long rejected,
        long evicted,
        long established,
        long failed,
        long closed) {}
