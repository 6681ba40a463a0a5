package dev.marcom.server;

import java.io.IOException;

/**
 * A send was refused because the connection's outbound queue holds {@link
 * Limits#maxQueuedBytes()} already: the peer (or the network) is slower than the application.
 * Nothing was sent and the session is intact; send again after {@link SessionHandler#writable}.
 */
public class OutboundQueueFullException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param queued bytes waiting in the queue
     * @param limit the configured limit
     */
    public OutboundQueueFullException(long queued, long limit) {
        super(queued + " bytes are waiting to be sent (limit " + limit + "); try again when writable");
    }
}
