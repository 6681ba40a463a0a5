package dev.marcom.identity;

import dev.marcom.Fingerprint;
import dev.marcom.MarcomException;
import java.util.Objects;

/**
 * The server refused this side's identity: it verified that we hold the key we presented, then
 * its trust policy did not accept that key (like TLS's {@code access_denied} or SSH's
 * "Permission denied (publickey)"). The refusal is authenticated with the handshake's keys, so it
 * comes from the server this side authenticated, not from the network. Ask the server's operator
 * to authorize {@link #identity()}.
 */
public class RefusedByPeerException extends MarcomException {
    private static final long serialVersionUID = 1L;

    /** This side's identity, which the server refused. */
    private final transient Fingerprint identity;
    /** The server that refused it. */
    private final transient Fingerprint server;

    /**
     * A refusal.
     *
     * @param identity this side's identity, which the server refused
     * @param server the server's identity (already authenticated and trusted by this side)
     */
    public RefusedByPeerException(Fingerprint identity, Fingerprint server) {
        super("the server " + server + " refused this identity (" + identity + ")");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.server = Objects.requireNonNull(server, "server");
    }

    /**
     * Returns the identity of this side that the server refused.
     *
     * @return this side's fingerprint
     */
    public Fingerprint identity() {
        return identity;
    }

    /**
     * Returns the server that refused this side's identity.
     *
     * @return the server's fingerprint
     */
    public Fingerprint server() {
        return server;
    }
}
