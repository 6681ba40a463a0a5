package dev.marcom.server;

/** Why an established session ended cleanly (see {@link SessionHandler#closed}). */
public enum CloseReason {
    /** The peer sent its authenticated close_notify; this side answered with its own. */
    PEER_CLOSED,
    /**
     * This side ended it: the application called {@link Connection#close()}, or closed the
     * {@link MarcomServer} or {@link MarcomConnector}. A close_notify was sent.
     */
    CLOSED_LOCALLY
}
