package dev.marcom.session;

import dev.marcom.CipherSuite;
import dev.marcom.SignatureAlgorithm;
import dev.marcom.identity.Identity;
import dev.marcom.identity.PeerIdentityCache;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.internal.crypto.KemKeyPool;
import dev.marcom.trace.TraceListener;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything one side needs to run handshakes and sessions: its identity, the trust policy for
 * peers, offered suites and limits. Immutable; build with {@link #builder(Identity, TrustPolicy)}.
 * The identity and the trust policy are required, so a config without them cannot exist.
 */
public final class SessionConfig {
    /** Default maximum size of one message (larger payloads should be sent as streams). */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    /** Records per direction and key before a key update (well under the AES-GCM limits). */
    public static final long DEFAULT_KEY_UPDATE_RECORDS = 1L << 22;
    /** Default time after which a quiet side sends a keep-alive probe. */
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(15);
    /** Default time without any record from the peer, while receiving, before giving up. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

    private final Identity identity;
    private final TrustPolicy trustPolicy;
    private static final List<CipherSuite> STRONGEST_FIRST =
            List.of(CipherSuite.PQ, CipherSuite.MODERN, CipherSuite.CLASSIC_3072, CipherSuite.CLASSIC);

    private final List<CipherSuite> suites;
    private final Set<SignatureAlgorithm> signatureAlgorithms;
    private final SecureRandom random;
    private final TraceListener trace;
    private final boolean revealSecrets;
    private final Duration handshakeTimeout;
    private final int maxMessageBytes;
    private final int recordContentBytes;
    private final long keyUpdateAfterRecords;
    private final Duration keepAliveInterval;
    private final Duration idleTimeout;
    private final PeerIdentityCache peerIdentities;
    /** Read by the handshake (through {@code handshake.EphemeralKeys}); null when off. */
    private final KemKeyPool ephemeralKeys;

    private SessionConfig(Builder b) {
        this.identity = b.identity;
        this.trustPolicy = b.trustPolicy;
        this.suites = b.suites != null ? List.copyOf(b.suites) : defaultSuites(b.identity.algorithm());
        this.signatureAlgorithms = Collections.unmodifiableSet(EnumSet.copyOf(b.signatureAlgorithms));
        this.random = b.random != null ? b.random : new SecureRandom();
        this.trace = b.trace;
        this.revealSecrets = b.revealSecrets;
        this.handshakeTimeout = b.handshakeTimeout;
        this.maxMessageBytes = b.maxMessageBytes;
        this.recordContentBytes = b.recordContentBytes;
        this.keyUpdateAfterRecords = b.keyUpdateAfterRecords;
        this.keepAliveInterval = b.keepAliveInterval;
        this.idleTimeout = b.idleTimeout;
        this.peerIdentities =
                b.peerIdentities != null ? b.peerIdentities : new PeerIdentityCache(PeerIdentityCache.DEFAULT_CAPACITY);
        this.ephemeralKeys = b.ephemeralKeyDepth == 0 ? null : new KemKeyPool(b.ephemeralKeyDepth, this.random);
    }

    /**
     * Starts a builder with the two required inputs; every other setting has a default.
     *
     * @param identity this side's identity, which signs its handshake and its messages
     * @param trustPolicy decides whether a peer's identity is accepted
     * @return a new builder
     * @throws NullPointerException if either argument is null
     */
    public static Builder builder(Identity identity, TrustPolicy trustPolicy) {
        return new Builder(identity, trustPolicy);
    }

    /**
     * Returns this side's identity.
     *
     * @return the identity that signs this side's handshake and messages
     */
    public Identity identity() {
        return identity;
    }

    /**
     * Returns the policy that decides whether a peer's identity is accepted.
     *
     * @return the trust policy
     */
    public TrustPolicy trustPolicy() {
        return trustPolicy;
    }

    /**
     * Returns the suites in preference order: offered by a client, chosen from by a server.
     *
     * A server takes the first suite of this list that the client offers (docs/PROTOCOL.md §4.3).
     *
     * @return an unmodifiable list; by default every suite, the one paired with the identity's
     *     algorithm ({@link CipherSuite#pairedSignature()}) first, then the others strongest first
     *     (pq, modern, classic-3072, classic): so a server never picks key transport weaker than its
     *     identity unless the client offers nothing else, and a DSA-2048 server still teaches with
     *     classic
     */
    public List<CipherSuite> suites() {
        return suites;
    }

    /**
     * The default preference: the suite paired with {@code algorithm}, then the others strongest
     * first.
     *
     * @param algorithm an identity's signature algorithm
     * @return every suite, in that order
     */
    public static List<CipherSuite> defaultSuites(SignatureAlgorithm algorithm) {
        List<CipherSuite> out = new ArrayList<>();
        for (CipherSuite s : STRONGEST_FIRST) {
            if (s.pairedSignature() == algorithm) {
                out.add(s);
            }
        }
        for (CipherSuite s : STRONGEST_FIRST) {
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Returns the signature algorithms this side accepts from its peer. A client refuses a server
     * that signs with another; a server refuses such a client with an authenticated Refusal. Either
     * way the handshake fails with a {@link dev.marcom.NegotiationException} naming the algorithms.
     *
     * @return an unmodifiable set (default: every algorithm of this version)
     */
    public Set<SignatureAlgorithm> signatureAlgorithms() {
        return signatureAlgorithms;
    }

    /**
     * Returns the source of nonces, ElGamal keys and the transported secret.
     *
     * @return the random source (default: a new {@link SecureRandom} made when the config was
     *     built)
     */
    public SecureRandom random() {
        return random;
    }

    /**
     * Returns the listener that receives the handshake's and the session's trace events.
     *
     * @return the listener (default {@link TraceListener#NONE})
     */
    public TraceListener trace() {
        return trace;
    }

    /**
     * Returns whether trace events may carry secret values (keys, the transported secret).
     *
     * @return true if enabled (default false)
     */
    public boolean revealSecrets() {
        return revealSecrets;
    }

    /**
     * Returns how long {@link dev.marcom.transport.SecureChannel} lets a handshake take before it
     * closes the transport and throws {@link dev.marcom.HandshakeTimeoutException}. The sans-I/O
     * {@link dev.marcom.handshake.Handshake} does not enforce it.
     *
     * @return the timeout (default 30 s)
     */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /**
     * Returns the largest message this side seals or accepts; streams are not limited by it.
     *
     * @return the limit in bytes (default {@link #DEFAULT_MAX_MESSAGE_BYTES}, 16 MiB)
     */
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /**
     * Returns how many application bytes this side puts in one record at most. The one exception:
     * the record that ends a message or a stream carries the whole signature and its 10-byte prefix,
     * so with a setting below that (an ML-DSA-65 signature is 3,309 bytes) that record is larger
     * than the setting, though never larger than the protocol maximum.
     *
     * @return the record content size (default 65536, the protocol maximum)
     */
    public int recordContentBytes() {
        return recordContentBytes;
    }

    /**
     * Returns how many records this side sends under one key before it sends a key update.
     *
     * @return the record count (default {@link #DEFAULT_KEY_UPDATE_RECORDS}, 2^22)
     */
    public long keyUpdateAfterRecords() {
        return keyUpdateAfterRecords;
    }

    /**
     * How long a side may stay quiet before the blocking adapter sends an authenticated keep-alive
     * probe (a PING record, answered with a PONG); {@link Duration#ZERO} when disabled.
     *
     * @return the interval (default {@link #DEFAULT_KEEP_ALIVE})
     */
    public Duration keepAliveInterval() {
        return keepAliveInterval;
    }

    /**
     * How long a receive may wait without any record from the peer before the blocking adapter
     * gives up with {@link dev.marcom.transport.IdleTimeoutException}; {@link Duration#ZERO} when
     * disabled.
     *
     * @return the timeout (default {@link #DEFAULT_IDLE_TIMEOUT})
     */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /**
     * Returns the cache of validated peer identities that this configuration's handshakes share, so
     * that a returning peer's key is validated once and keeps its verifier's precomputed tables.
     *
     * @return the cache (default: a new {@link PeerIdentityCache} of
     *     {@link PeerIdentityCache#DEFAULT_CAPACITY} per configuration built)
     */
    public PeerIdentityCache peerIdentities() {
        return peerIdentities;
    }

    /**
     * Returns how many one-time KEM key pairs per mechanism this configuration's handshakes keep
     * made ahead on a background thread.
     *
     * @return 0 (the default) when each pair is generated when a handshake needs it
     */
    public int precomputedEphemeralKeys() {
        return ephemeralKeys == null ? 0 : ephemeralKeys.depth();
    }

    /** Builds a {@link SessionConfig}; every setter validates its argument. */
    public static final class Builder {
        private final Identity identity;
        private final TrustPolicy trustPolicy;
        private List<CipherSuite> suites;
        private Set<SignatureAlgorithm> signatureAlgorithms = EnumSet.allOf(SignatureAlgorithm.class);
        private SecureRandom random;
        private TraceListener trace = TraceListener.NONE;
        private boolean revealSecrets;
        private Duration handshakeTimeout = Duration.ofSeconds(30);
        private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
        private int recordContentBytes = dev.marcom.internal.wire.Frames.MAX_RECORD_CONTENT;
        private long keyUpdateAfterRecords = DEFAULT_KEY_UPDATE_RECORDS;
        private Duration keepAliveInterval = DEFAULT_KEEP_ALIVE;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private PeerIdentityCache peerIdentities;
        private int ephemeralKeyDepth;

        private Builder(Identity identity, TrustPolicy trustPolicy) {
            this.identity = Objects.requireNonNull(identity, "identity");
            this.trustPolicy = Objects.requireNonNull(trustPolicy, "trustPolicy");
        }

        /**
         * Sets the suites in preference order, used exactly as given; the default is every suite,
         * the one paired with the identity's algorithm first ({@link SessionConfig#suites()}).
         *
         * @param suites one to 32 suites, most preferred first
         * @return this builder
         * @throws IllegalArgumentException if no suite or more than 32 are given
         */
        public Builder suites(CipherSuite... suites) {
            if (suites.length == 0 || suites.length > 32) {
                throw new IllegalArgumentException("offer between 1 and 32 suites");
            }
            this.suites = List.of(suites);
            return this;
        }

        /**
         * Sets the signature algorithms accepted from the peer; default every algorithm.
         *
         * @param accepted one or more algorithms
         * @return this builder
         * @throws IllegalArgumentException if none is given
         */
        public Builder signatureAlgorithms(SignatureAlgorithm... accepted) {
            if (accepted.length == 0) {
                throw new IllegalArgumentException("accept at least one signature algorithm");
            }
            this.signatureAlgorithms = EnumSet.copyOf(Arrays.asList(accepted));
            return this;
        }

        /**
         * Sets the source of nonces, ElGamal keys and the transported secret; default a new
         * {@link SecureRandom}.
         *
         * @param random the random source
         * @return this builder
         * @throws NullPointerException if {@code random} is null
         */
        public Builder random(SecureRandom random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * Sets the listener for trace events; default {@link TraceListener#NONE}, for which no events
         * are built.
         *
         * @param trace the listener
         * @return this builder
         * @throws NullPointerException if {@code trace} is null
         */
        public Builder trace(TraceListener trace) {
            this.trace = Objects.requireNonNull(trace, "trace");
            return this;
        }

        /**
         * Lets trace events carry secret keys and the transported secret; default false. For
         * teaching only: anyone who sees the trace can decrypt the session.
         *
         * @param reveal true to include secrets in trace events
         * @return this builder
         */
        public Builder revealSecrets(boolean reveal) {
            this.revealSecrets = reveal;
            return this;
        }

        /**
         * Sets how long the handshake may take in {@link dev.marcom.transport.SecureChannel} before
         * the transport is closed and {@link dev.marcom.HandshakeTimeoutException} is thrown; default
         * 30 s.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         */
        public Builder handshakeTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("handshake timeout must be positive");
            }
            this.handshakeTimeout = timeout;
            return this;
        }

        /**
         * Sets the largest message this side seals or accepts; default 16 MiB. Larger payloads must
         * be sent as streams. A received message over the limit fails the session.
         *
         * @param max 1 to 2^30 (1 GiB)
         * @return this builder
         * @throws IllegalArgumentException if {@code max} is outside that range
         */
        public Builder maxMessageBytes(int max) {
            if (max < 1 || max > (1 << 30)) {
                throw new IllegalArgumentException("maxMessageBytes must be in [1, 2^30]");
            }
            this.maxMessageBytes = max;
            return this;
        }

        /**
         * Sets the application bytes per record this side sends; default 65536. Receivers accept
         * records of any size up to 65536.
         *
         * @param bytes 256 to 65536
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is outside that range
         */
        public Builder recordContentBytes(int bytes) {
            if (bytes < 256 || bytes > dev.marcom.internal.wire.Frames.MAX_RECORD_CONTENT) {
                throw new IllegalArgumentException("recordContentBytes must be in [256, 65536]");
            }
            this.recordContentBytes = bytes;
            return this;
        }

        /**
         * Sets how many records this side sends under one key before it sends a key update; default
         * 2^22.
         *
         * @param records 1 to 2^22
         * @return this builder
         * @throws IllegalArgumentException if {@code records} is outside that range
         */
        public Builder keyUpdateAfterRecords(long records) {
            if (records < 1 || records > DEFAULT_KEY_UPDATE_RECORDS) {
                throw new IllegalArgumentException("keyUpdateAfterRecords must be in [1, 2^22]");
            }
            this.keyUpdateAfterRecords = records;
            return this;
        }

        /**
         * How long this side may stay quiet before it sends an authenticated keep-alive probe, which
         * the peer answers; this keeps the peer's {@link #idleTimeout} from expiring on a quiet but
         * healthy connection, and lets this side's own idle timeout notice a peer that stopped
         * answering. {@link Duration#ZERO} disables probes. Default 15 s.
         *
         * @param interval zero, or at least 10 ms
         * @return this builder
         * @throws NullPointerException if {@code interval} is null
         * @throws IllegalArgumentException if {@code interval} is negative or shorter than 10 ms
         */
        public Builder keepAliveInterval(Duration interval) {
            this.keepAliveInterval = checkLiveness(interval, "keep-alive interval");
            return this;
        }

        /**
         * How long a receive ({@code SecureChannel.receive()}, {@code next()}, or reading a stream)
         * may wait without any record from the peer before the session is given up with
         * {@link dev.marcom.transport.IdleTimeoutException} and the transport closed. With keep-alive
         * probes on either side, a healthy peer always sends something in time, so this detects a
         * peer that froze or vanished even when nobody is sending messages. Must be longer than the
         * keep-alive interval (three times or more is advisable). {@link Duration#ZERO} disables it.
         * Default 60 s.
         *
         * @param timeout zero, or at least 10 ms
         * @return this builder
         * @throws NullPointerException if {@code timeout} is null
         * @throws IllegalArgumentException if {@code timeout} is negative or shorter than 10 ms
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = checkLiveness(timeout, "idle timeout");
            return this;
        }

        /**
         * Sets the cache of validated peer identities, for sharing one between configurations
         * (capacity 0 turns caching off).
         *
         * @param cache the cache
         * @return this builder
         * @throws NullPointerException if {@code cache} is null
         */
        public Builder peerIdentities(PeerIdentityCache cache) {
            this.peerIdentities = Objects.requireNonNull(cache, "cache");
            return this;
        }

        /**
         * Makes this configuration's handshakes take their one-time KEM key pairs (a server's KEM
         * key, a client's ephemeral ElGamal or X25519 key) from a pool that a background thread
         * keeps filled with up to {@code depth} pairs per mechanism, made ahead from {@link
         * #random}. A classic handshake then does not wait for two ffdhe2048 key generations; the
         * thread spends that CPU time instead, so it helps only where a core is free. Pairs made
         * ahead wait in memory until used (each is used once); a handshake that finds the pool
         * empty generates its own. The thread is a daemon that ends after 5 s without work.
         *
         * @param depth pairs kept per mechanism: 0 (the default) turns precomputation off; at most
         *     1,024
         * @return this builder
         * @throws IllegalArgumentException if {@code depth} is out of range
         */
        public Builder precomputeEphemeralKeys(int depth) {
            if (depth < 0 || depth > KemKeyPool.MAX_DEPTH) {
                throw new IllegalArgumentException("depth must be in [0, " + KemKeyPool.MAX_DEPTH + "]");
            }
            this.ephemeralKeyDepth = depth;
            return this;
        }

        private static Duration checkLiveness(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || (!d.isZero() && d.toMillis() < 10)) {
                throw new IllegalArgumentException(what + " must be zero (off) or at least 10 ms");
            }
            return d;
        }

        /**
         * Builds the configuration.
         *
         * @return the immutable configuration
         * @throws IllegalArgumentException if both keep-alive and idle timeout are on and the idle
         *     timeout is not longer than the keep-alive interval
         */
        public SessionConfig build() {
            if (!idleTimeout.isZero() && !keepAliveInterval.isZero() && idleTimeout.compareTo(keepAliveInterval) <= 0) {
                throw new IllegalArgumentException("the idle timeout (" + idleTimeout.toMillis()
                        + " ms) must be longer than the keep-alive interval (" + keepAliveInterval.toMillis()
                        + " ms)");
            }
            return new SessionConfig(this);
        }
    }
}
