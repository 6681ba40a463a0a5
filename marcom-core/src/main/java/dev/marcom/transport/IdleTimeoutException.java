package dev.marcom.transport;

import java.time.Duration;

/**
 * Nothing arrived from the peer for the configured idle timeout while this side was receiving,
 * although keep-alive probes ask for an answer: the peer froze, vanished, or the network
 * silently dropped the connection. The transport has been closed. Messages delivered before it
 * are authentic; nothing after them is known.
 */
public class IdleTimeoutException extends ConnectionLostException {
    private static final long serialVersionUID = 1L;

    /** The configured idle timeout that expired. */
    private final Duration timeout;

    /**
     * An idle timeout.
     *
     * @param timeout the configured idle timeout that expired
     */
    public IdleTimeoutException(Duration timeout) {
        super("no data from the peer for " + describe(timeout) + " (idle timeout); connection closed");
        this.timeout = timeout;
    }

    /**
     * Returns the idle timeout that expired.
     *
     * @return the configured idle timeout
     */
    public Duration timeout() {
        return timeout;
    }

    private static String describe(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }
}
