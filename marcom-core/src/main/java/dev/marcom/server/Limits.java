package dev.marcom.server;

/**
 * The resource limits and thread counts of a {@link MarcomServer} or {@link MarcomConnector}.
 * Timeouts are not here: the handshake timeout, keep-alive interval, idle timeout and maximum
 * message size come from each connection's {@link dev.marcom.session.SessionConfig}, with the same
 * meaning as for the blocking {@link dev.marcom.transport.SecureChannel}.
 *
 * <p>The defaults suit a server exposed to the internet on a small machine: 10,000 connections,
 * 1,000 of them in the handshake, 256 from one address, 1 MiB queued for sending and 256 KiB
 * received but not yet processed per connection, one I/O thread and one worker per processor.
 *
 * <pre>{@code
 * Limits limits = Limits.builder().maxConnections(20_000).maxConnectionsPerAddress(32).build();
 * }</pre>
 */
public final class Limits {
    /** Default {@link #maxConnections()}. */
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    /** Default {@link #maxHandshakes()}. */
    public static final int DEFAULT_MAX_HANDSHAKES = 1_000;
    /** Default {@link #maxConnectionsPerAddress()}. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 256;
    /** Default {@link #maxQueuedBytes()}: 1 MiB. */
    public static final int DEFAULT_MAX_QUEUED_BYTES = 1 << 20;
    /** Default {@link #maxInboundBytes()}: 256 KiB. */
    public static final int DEFAULT_MAX_INBOUND_BYTES = 256 * 1024;

    private final int maxConnections;
    private final int maxHandshakes;
    private final int maxConnectionsPerAddress;
    private final int maxQueuedBytes;
    private final int maxInboundBytes;
    private final int ioThreads;
    private final int workerThreads;

    private Limits(Builder b) {
        this.maxConnections = b.maxConnections;
        this.maxHandshakes = b.maxHandshakes;
        this.maxConnectionsPerAddress = b.maxConnectionsPerAddress;
        this.maxQueuedBytes = b.maxQueuedBytes;
        this.maxInboundBytes = b.maxInboundBytes;
        this.ioThreads = b.ioThreads;
        this.workerThreads = b.workerThreads;
    }

    /**
     * Returns the default limits.
     *
     * @return limits with every default
     */
    public static Limits defaults() {
        return builder().build();
    }

    /**
     * Starts from the defaults.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns how many connections may be open at once, in any phase. A server closes a connection
     * beyond it at once, before reading from it; a connector refuses to open one.
     *
     * @return the maximum number of connections
     */
    public int maxConnections() {
        return maxConnections;
    }

    /**
     * Returns how many connections may be in the handshake at once (accepted or connecting, not yet
     * established). When a server is at this limit, a new connection takes the place of the oldest
     * handshake that is waiting for its peer (that one fails with {@link OverloadedException}), so
     * peers that stall in the handshake cannot lock others out; if every handshake is busy computing,
     * the new connection is closed. A connector refuses to start more.
     *
     * @return the maximum number of handshakes in flight
     */
    public int maxHandshakes() {
        return maxHandshakes;
    }

    /**
     * Returns how many connections a server accepts from one remote IP address at once; more are
     * closed at once. A connector ignores it.
     *
     * @return the per-address maximum
     */
    public int maxConnectionsPerAddress() {
        return maxConnectionsPerAddress;
    }

    /**
     * Returns how many bytes may wait in one connection's outbound queue (written by the application
     * but not yet accepted by the socket). A send that would exceed it fails with {@link
     * OutboundQueueFullException}; a send into an empty queue is always accepted, so any single
     * message fits.
     *
     * @return the per-connection outbound limit in bytes
     */
    public int maxQueuedBytes() {
        return maxQueuedBytes;
    }

    /**
     * Returns how many bytes of received frames may wait for a worker before this side stops
     * reading from that connection (TCP then slows the peer down); it reads again when half of them
     * were processed.
     *
     * @return the per-connection inbound limit in bytes
     */
    public int maxInboundBytes() {
        return maxInboundBytes;
    }

    /**
     * Returns the number of event-loop threads, each with its own selector, that do all socket I/O
     * and nothing else.
     *
     * @return the number of I/O threads
     */
    public int ioThreads() {
        return ioThreads;
    }

    /**
     * Returns the number of worker threads: they run the handshakes' cryptography, open and verify
     * received records, and call the {@link SessionHandler}.
     *
     * @return the number of worker threads
     */
    public int workerThreads() {
        return workerThreads;
    }

    @Override
    public String toString() {
        return "Limits[maxConnections=" + maxConnections + ", maxHandshakes=" + maxHandshakes
                + ", maxConnectionsPerAddress=" + maxConnectionsPerAddress + ", maxQueuedBytes="
                + maxQueuedBytes + ", maxInboundBytes=" + maxInboundBytes + ", ioThreads=" + ioThreads
                + ", workerThreads=" + workerThreads + "]";
    }

    /** Builds {@link Limits}; every value starts at its default. */
    public static final class Builder {
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int maxHandshakes = DEFAULT_MAX_HANDSHAKES;
        private int maxConnectionsPerAddress = DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
        private int maxQueuedBytes = DEFAULT_MAX_QUEUED_BYTES;
        private int maxInboundBytes = DEFAULT_MAX_INBOUND_BYTES;
        private int ioThreads = 1;
        private int workerThreads = Runtime.getRuntime().availableProcessors();

        private Builder() {}

        /**
         * Sets {@link Limits#maxConnections()}. Default 10,000.
         *
         * @param n at least 1
         * @return this builder
         */
        public Builder maxConnections(int n) {
            maxConnections = positive(n, "maxConnections");
            return this;
        }

        /**
         * Sets {@link Limits#maxHandshakes()}. Default 1,000.
         *
         * @param n at least 1
         * @return this builder
         */
        public Builder maxHandshakes(int n) {
            maxHandshakes = positive(n, "maxHandshakes");
            return this;
        }

        /**
         * Sets {@link Limits#maxConnectionsPerAddress()}. Default 256.
         *
         * @param n at least 1
         * @return this builder
         */
        public Builder maxConnectionsPerAddress(int n) {
            maxConnectionsPerAddress = positive(n, "maxConnectionsPerAddress");
            return this;
        }

        /**
         * Sets {@link Limits#maxQueuedBytes()}. Default 1 MiB.
         *
         * @param bytes at least 1
         * @return this builder
         */
        public Builder maxQueuedBytes(int bytes) {
            maxQueuedBytes = positive(bytes, "maxQueuedBytes");
            return this;
        }

        /**
         * Sets {@link Limits#maxInboundBytes()}. Default 256 KiB.
         *
         * @param bytes at least 1 (a frame being received is always completed, so the real bound is
         *     this plus one frame)
         * @return this builder
         */
        public Builder maxInboundBytes(int bytes) {
            maxInboundBytes = positive(bytes, "maxInboundBytes");
            return this;
        }

        /**
         * Sets {@link Limits#ioThreads()}. Default 1.
         *
         * @param n at least 1
         * @return this builder
         */
        public Builder ioThreads(int n) {
            ioThreads = positive(n, "ioThreads");
            return this;
        }

        /**
         * Sets {@link Limits#workerThreads()}. Default: the number of available processors.
         *
         * @param n at least 1
         * @return this builder
         */
        public Builder workerThreads(int n) {
            workerThreads = positive(n, "workerThreads");
            return this;
        }

        /**
         * Builds the limits.
         *
         * @return the limits
         */
        public Limits build() {
            return new Limits(this);
        }

        private static int positive(int n, String what) {
            if (n < 1) {
                throw new IllegalArgumentException(what + " must be at least 1, not " + n);
            }
            return n;
        }
    }
}
