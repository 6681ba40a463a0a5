package dev.marcom.transport;

import java.io.IOException;
import java.util.Objects;

/**
 * The peer does not speak MARCOM: its first bytes were not the MARCOM connection preface. This
 * is almost always a configuration error (a wrong port, or another service on it), so it is a
 * transport fault like {@link ConnectionLostException}, not a security failure. Nothing was
 * exchanged but the preface and the client's hello, which contain no secret.
 */
public class NotMarcomPeerException extends IOException {
    private static final long serialVersionUID = 1L;

    /** How the peer is named in the message. */
    private final String peer;
    /** A printable excerpt of what the peer sent. */
    private final String excerpt;

    /**
     * A foreign peer.
     *
     * @param peer how to name the peer in the message, e.g. {@code "example.org:80"}, or
     *     {@code "the peer"} when no address is known
     * @param excerpt a printable excerpt of what it sent (see {@link #excerpt()})
     */
    public NotMarcomPeerException(String peer, String excerpt) {
        super(peer + " does not speak MARCOM (it sent: " + excerpt + ")");
        this.peer = Objects.requireNonNull(peer, "peer");
        this.excerpt = Objects.requireNonNull(excerpt, "excerpt");
    }

    /**
     * Returns the peer as named in the message.
     *
     * @return e.g. {@code "example.org:80"}, or {@code "the peer"} when no address is known
     */
    public String peer() {
        return peer;
    }

    /**
     * The start of what the peer sent: its first line, at most 60 characters, with every byte
     * that is not printable ASCII written as {@code \xNN} (safe to print on a terminal).
     *
     * @return the excerpt
     */
    public String excerpt() {
        return excerpt;
    }
}
