package dev.marcom.transport;

import dev.marcom.HandshakeTimeoutException;
import dev.marcom.MalformedInputException;
import dev.marcom.MarcomException;
import dev.marcom.SessionClosedException;
import dev.marcom.handshake.Handshake;
import dev.marcom.handshake.HandshakeStep;
import dev.marcom.identity.PeerIdentity;
import dev.marcom.internal.trace.Tracer;
import dev.marcom.internal.wire.FrameType;
import dev.marcom.session.Inbound;
import dev.marcom.session.Session;
import dev.marcom.session.SessionConfig;
import dev.marcom.session.VerifiedMessage;
import dev.marcom.session.VerifiedStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

/**
 * A blocking MARCOM session over any {@link FrameChannel}: runs the handshake, then sends and
 * receives verified messages and streams. Users write no wrap/unwrap loop.
 *
 * <pre>{@code
 * try (SecureChannel channel = SecureChannel.connect(new Socket(host, port), config)) {
 *   channel.send("hello");
 *   Optional<VerifiedMessage> reply = channel.receive();   // empty: peer closed cleanly
 * }
 * }</pre>
 *
 * <h2>Security guarantees</h2>
 * As {@link Session}: {@link #receive()} and {@link #next()} deliver only messages whose record,
 * sequence and DSA signature verified, and streams whose end is reported only after their
 * signature verified. A transport that ends without close_notify raises
 * {@link ConnectionLostException}; any security failure raises a {@link MarcomException} and
 * closes the transport.
 *
 * <h2>Liveness</h2>
 * With the default {@link SessionConfig}, a side that has been quiet for the keep-alive interval
 * (15 s) sends an authenticated PING record, which the peer's receiving thread answers with a
 * PONG; a receive that hears nothing from the peer for the idle timeout (60 s) fails with
 * {@link IdleTimeoutException} and closes the transport. So a peer that froze or vanished is
 * noticed in bounded time even when nobody sends messages. Probes are answered while a thread
 * is in {@link #receive()}, {@link #next()} or reading a stream, as in every interactive
 * application; an application that stops receiving for longer than the peer's idle timeout looks
 * frozen to the peer. While either is enabled, each channel runs two small daemon threads that
 * end when it closes or fails.
 *
 * <p>A read timeout of the caller's own (a socket's {@code SO_TIMEOUT}) is not a lost
 * connection: {@link #receive()} then throws {@link SocketTimeoutException} and the session stays
 * usable; call it again to go on waiting.
 *
 * <h2>Threads</h2>
 * One thread may receive while another sends; sends from several threads are serialised.
 * {@link #close()} may be called from any thread and unblocks a pending receive.
 *
 * <h2>Size</h2>
 * About 410 code lines, above the house guideline of ~350: the blocking adapter owns the
 * handshake loop, sending and receiving with their locks, keep-alives and the idle deadline, and
 * streams in both directions; what ties them is one rule — any failure ends the channel for both
 * threads at once — which is easier to check in one class.
 */
public final class SecureChannel implements Closeable {
    private static final int STREAM_BUFFER = 64 * 1024;
    private static final long CLOSE_WAIT_MS = 500;

    private final FrameChannel channel;
    private final Session session;
    private final Tracer tracer;
    private final ReentrantLock sendLock = new ReentrantLock();
    private final Object receiveLock = new Object();
    private final AtomicBoolean closed = new AtomicBoolean();
    private InboundStream openStream;

    // Liveness: all times are System.nanoTime() values.
    private final Duration keepAlive;
    private final Duration idleTimeout;
    private final ScheduledExecutorService liveness;
    private volatile long lastSent;
    private volatile long lastReceived;
    private volatile long lastPing;
    /** When the pending read began, or 0 while no thread is reading. */
    private volatile long readingSince;

    private volatile boolean idleTimedOut;
    /** A PONG could not be sent at once (a send was in progress); the sender sends it next. */
    private volatile boolean pongOwed;

    private SecureChannel(FrameChannel channel, Session session, SessionConfig config) {
        this.channel = channel;
        this.session = session;
        this.tracer = Tracer.of(config.trace(), config.revealSecrets());
        this.keepAlive = config.keepAliveInterval();
        this.idleTimeout = config.idleTimeout();
        long now = System.nanoTime();
        this.lastSent = now;
        this.lastReceived = now;
        this.lastPing = now;
        this.liveness = keepAlive.isZero() && idleTimeout.isZero() ? null : startLiveness();
    }

    /**
     * Two daemon threads: one checks the idle timeout (it never blocks), the other sends probes
     * (its write may block on a full transport, which must not delay the idle check).
     */
    // The tasks handle their own failures; shutdownNow() cancels them, so their futures are unused.
    @SuppressWarnings("FutureReturnValueIgnored")
    private ScheduledExecutorService startLiveness() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "marcom-liveness");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        if (!idleTimeout.isZero()) {
            long tick = Math.max(5, idleTimeout.toMillis() / 8);
            executor.scheduleWithFixedDelay(this::checkIdle, tick, tick, TimeUnit.MILLISECONDS);
        }
        if (!keepAlive.isZero()) {
            long tick = Math.max(5, keepAlive.toMillis() / 4);
            executor.scheduleWithFixedDelay(this::maybePing, tick, tick, TimeUnit.MILLISECONDS);
        }
        return executor;
    }

    private void checkIdle() {
        if (closed.get() || session.isFailed()) {
            stopLiveness();
            return;
        }
        long since = readingSince;
        if (since != 0 && System.nanoTime() - Math.max(since, lastReceived) >= idleTimeout.toNanos()) {
            idleTimedOut = true;
            stopLiveness();
            session.abort(new SessionClosedException(
                    "no data from the peer for " + idleTimeout.toMillis() + " ms (idle timeout)"));
            closeQuietly(channel);
        }
    }

    private void maybePing() {
        if (closed.get() || session.isFailed()) {
            stopLiveness();
            return;
        }
        long now = System.nanoTime();
        long interval = keepAlive.toNanos();
        boolean quiet = now - lastSent >= interval || (readingSince != 0 && now - lastReceived >= interval);
        if (!quiet || now - lastPing < interval || !sendLock.tryLock()) {
            return; // a send in progress shows the peer we are alive
        }
        try {
            lastPing = now;
            writeFrames(session.ping());
        } catch (SessionClosedException | IOException e) {
            // closed or failing: the receiving side reports it
        } finally {
            sendLock.unlock();
        }
    }

    private void stopLiveness() {
        if (liveness != null) {
            liveness.shutdownNow();
        }
    }

    /**
     * Runs the client handshake over {@code channel}. On failure the channel is closed.
     *
     * @param channel a connected transport; the returned channel owns it
     * @param config this side's identity, trust policy and limits
     * @return the established channel
     * @throws HandshakeTimeoutException if it does not finish within the configured timeout
     * @throws MarcomException if the handshake fails (authentication, trust, negotiation, input)
     * @throws IOException on transport failure
     */
    public static SecureChannel connect(FrameChannel channel, SessionConfig config)
            throws IOException, MarcomException {
        return run(Handshake.client(config), channel, config);
    }

    /**
     * Runs the server handshake over {@code channel}. On failure the channel is closed.
     *
     * @param channel a connected transport; the returned channel owns it
     * @param config this side's identity, trust policy and limits
     * @return the established channel
     * @throws HandshakeTimeoutException if it does not finish within the configured timeout
     * @throws MarcomException if the handshake fails (authentication, trust, negotiation, input);
     *     a client refused by the trust policy is told so before this is thrown
     * @throws IOException on transport failure
     */
    public static SecureChannel accept(FrameChannel channel, SessionConfig config) throws IOException, MarcomException {
        return run(Handshake.server(config), channel, config);
    }

    /**
     * Runs the client handshake over a connected socket, framed by {@link StreamFrameChannel}.
     * Closing the returned channel closes the socket; so does a failed handshake.
     *
     * @param socket a connected socket
     * @param config this side's identity, trust policy and limits
     * @return the established channel
     * @throws HandshakeTimeoutException if it does not finish within the configured timeout
     * @throws MarcomException if the handshake fails (authentication, trust, negotiation, input)
     * @throws NotMarcomPeerException if the peer does not speak MARCOM
     * @throws IOException on transport failure
     */
    public static SecureChannel connect(Socket socket, SessionConfig config) throws IOException, MarcomException {
        return connect(StreamFrameChannel.of(socket), config);
    }

    /**
     * Runs the server handshake over an accepted socket, framed by {@link StreamFrameChannel}.
     * Closing the returned channel closes the socket; so does a failed handshake.
     *
     * @param socket an accepted socket
     * @param config this side's identity, trust policy and limits
     * @return the established channel
     * @throws HandshakeTimeoutException if it does not finish within the configured timeout
     * @throws MarcomException if the handshake fails (authentication, trust, negotiation, input)
     * @throws NotMarcomPeerException if the peer does not speak MARCOM
     * @throws IOException on transport failure
     */
    public static SecureChannel accept(Socket socket, SessionConfig config) throws IOException, MarcomException {
        return accept(StreamFrameChannel.of(socket), config);
    }

    private static SecureChannel run(Handshake handshake, FrameChannel channel, SessionConfig config)
            throws IOException, MarcomException {
        AtomicBoolean finished = new AtomicBoolean();
        AtomicBoolean timedOut = new AtomicBoolean();
        // The timer task cannot be cancelled, so it reaches the channel only through this reference,
        // which is cleared when the handshake ends: a finished connection is not kept alive by it.
        AtomicReference<FrameChannel> watched = new AtomicReference<>(channel);
        long timeoutMs = config.handshakeTimeout().toMillis();
        CompletableFuture.delayedExecutor(timeoutMs, TimeUnit.MILLISECONDS).execute(() -> {
            FrameChannel target = watched.getAndSet(null);
            if (target != null && finished.compareAndSet(false, true)) {
                timedOut.set(true);
                closeQuietly(target);
            }
        });
        try {
            HandshakeStep step = handshake.start();
            while (!(step instanceof HandshakeStep.Established)) {
                if (step instanceof HandshakeStep.Send send) {
                    channel.write(send.frame());
                    step = handshake.next();
                } else {
                    byte[] frame = channel.readFrame();
                    if (frame == null) {
                        throw new ConnectionLostException("peer closed the connection during the handshake");
                    }
                    step = handshake.receive(frame);
                }
            }
            watched.set(null);
            if (!finished.compareAndSet(false, true)) {
                ((HandshakeStep.Established) step).session().discard();
                throw new HandshakeTimeoutException(config.handshakeTimeout());
            }
            return new SecureChannel(channel, ((HandshakeStep.Established) step).session(), config);
        } catch (IOException e) {
            watched.set(null);
            finished.set(true);
            closeQuietly(channel);
            if (timedOut.get()) {
                handshake.abort("timed out");
                throw new HandshakeTimeoutException(config.handshakeTimeout());
            }
            handshake.abort(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            throw e;
        } catch (MarcomException | RuntimeException e) {
            watched.set(null);
            finished.set(true);
            closeQuietly(channel);
            handshake.abort(String.valueOf(e.getMessage())); // no-op after a protocol failure
            throw e;
        }
    }

    /**
     * Returns the established session, for its peer, id and suite. Send and receive through this
     * channel, not through the session.
     *
     * @return the session
     */
    public Session session() {
        return session;
    }

    /**
     * Returns the peer's identity, which proved possession of its key and passed this side's trust
     * policy.
     *
     * @return the peer's public identity
     */
    public PeerIdentity peer() {
        return session.peer();
    }

    /**
     * Signs, encrypts and sends one message.
     *
     * @param plaintext the message, at most {@link SessionConfig#maxMessageBytes()} bytes
     * @return the message as sent and signed (sequence number, SHA-256, signature)
     * @throws SessionClosedException if this side closed or the session failed
     * @throws IllegalArgumentException if the plaintext exceeds the configured maximum
     * @throws IOException on transport failure
     */
    public VerifiedMessage send(byte[] plaintext) throws IOException, SessionClosedException {
        sendLock.lock();
        try {
            Session.Sealed sealed = session.sealMessage(plaintext);
            write(sealed.frames());
            return sealed.message();
        } finally {
            sendLock.unlock();
        }
    }

    /**
     * Sends the UTF-8 encoding of {@code text}; see {@link #send(byte[])}.
     *
     * @param text the message
     * @return the message as sent and signed (sequence number, SHA-256, signature)
     * @throws SessionClosedException if this side closed or the session failed
     * @throws IllegalArgumentException if the encoded text exceeds the configured maximum
     * @throws IOException on transport failure
     */
    public VerifiedMessage send(String text) throws IOException, SessionClosedException {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends everything {@code source} yields as one stream, chunk by chunk, signed at its end.
     * Messages from other threads wait until the stream is finished.
     *
     * @param name a label for the receiver, e.g. a file name (at most 1024 UTF-8 bytes)
     * @param length the exact number of bytes {@code source} will yield, or -1 if unknown
     * @param source the bytes to send, read to its end (not closed)
     * @param progress called with the running byte count after each chunk (may be a no-op)
     * @return the stream as signed: its SHA-256 (of the bytes sent), signed data and signature
     * @throws SessionClosedException if this side closed or the session failed
     * @throws IllegalArgumentException if {@code name} exceeds 1024 UTF-8 bytes or {@code length}
     *     is below -1
     * @throws IOException on transport failure, if reading {@code source} fails, or if it yields
     *     other than {@code length} bytes; the session then fails (later sends throw
     *     {@link SessionClosedException}) and the transport is closed without the stream's end, so
     *     the peer cannot mistake the partial stream for a complete one
     */
    public VerifiedStream sendStream(String name, long length, InputStream source, LongConsumer progress)
            throws IOException, SessionClosedException {
        sendLock.lock();
        try {
            byte[] begin = session.beginStream(name, length);
            try {
                write(begin);
                byte[] buf = new byte[STREAM_BUFFER];
                long sent = 0;
                int n;
                while ((n = source.read(buf)) >= 0) {
                    if (n > 0) {
                        write(session.sealStreamChunk(buf, 0, n));
                        sent += n;
                        progress.accept(sent);
                    }
                }
                if (length >= 0 && sent != length) {
                    throw new IOException("stream source yielded " + sent + " bytes, announced " + length);
                }
                Session.EndedStream end = session.endStream();
                write(end.frames());
                return end.stream();
            } catch (IOException | RuntimeException e) {
                // A stream cut short must never look finished: end the session (the peer sees the
                // connection lost, not a clean end) and refuse further sends.
                session.abort(new SessionClosedException("a stream could not be sent: " + e.getMessage()));
                terminate();
                throw e;
            }
        } finally {
            sendLock.unlock();
        }
    }

    /** Writes frames; the caller holds {@link #sendLock}. Sends an owed PONG afterwards. */
    private void write(byte[] frames) throws IOException {
        writeFrames(frames);
        if (pongOwed) {
            pongOwed = false;
            try {
                writeFrames(session.pong());
            } catch (SessionClosedException e) {
                // closing: no answer needed
            }
        }
    }

    private void writeFrames(byte[] frames) throws IOException {
        tracer.frame(true, FrameType.RECORD, frames.length);
        channel.write(frames);
        lastSent = System.nanoTime();
    }

    /** Answers the peer's keep-alive probe, now if no send is in progress, else after it. */
    private void answerPing() throws IOException {
        if (!sendLock.tryLock()) {
            pongOwed = true;
            return;
        }
        try {
            writeFrames(session.pong());
        } catch (SessionClosedException e) {
            // this side closed: the close_notify already told the peer everything
        } finally {
            sendLock.unlock();
        }
    }

    /**
     * Blocks until the next complete, verified message arrives. For sessions that may also carry
     * streams, use {@link #next()}.
     *
     * @return the message, or empty when the peer closed the session with close_notify
     * @throws ConnectionLostException if the transport ended without close_notify
     * @throws MalformedInputException if the peer sends a stream (read those with {@link #next()})
     * @throws MarcomException if a record fails authentication, parsing or signature checks (the
     *     transport is then closed)
     * @throws IOException on transport failure
     */
    public Optional<VerifiedMessage> receive() throws IOException, MarcomException {
        Delivery d = next();
        if (d instanceof Delivery.Message m) {
            return Optional.of(m.message());
        }
        if (d instanceof Delivery.Stream) {
            MalformedInputException e = new MalformedInputException("peer sent a stream; receive it with next()");
            session.abort(e);
            terminate();
            throw e;
        }
        return Optional.empty();
    }

    /**
     * Blocks until the next message, stream or close arrives. An unfinished stream from an earlier
     * call is first read to its end and verified (its bytes are discarded). A keep-alive probe is
     * answered on the way.
     *
     * @return the next message, stream, or {@link Delivery.Closed} when the peer closed the
     *     session with close_notify
     * @throws SessionClosedException if this side closed the channel
     * @throws ConnectionLostException if the transport ended without close_notify
     * @throws MarcomException on any security or protocol failure (the transport is then closed)
     * @throws IOException on transport failure
     */
    public Delivery next() throws IOException, MarcomException {
        synchronized (receiveLock) {
            if (openStream != null) {
                InboundStream unfinished = openStream;
                try {
                    unfinished.close();
                } catch (StreamVerificationException e) {
                    throw e.getCause();
                }
            }
            while (true) {
                Inbound in = openNext();
                if (in instanceof Inbound.Message m) {
                    return new Delivery.Message(m.message());
                }
                if (in instanceof Inbound.Closed) {
                    return new Delivery.Closed();
                }
                if (in instanceof Inbound.StreamStart s) {
                    openStream = new InboundStream(this, s.sequence(), s.name(), s.announcedLength());
                    return new Delivery.Stream(openStream);
                }
                if (!(in instanceof Inbound.Pending)) {
                    throw new IllegalStateException("unexpected " + in + " outside a stream");
                }
            }
        }
    }

    /** Called by {@link InboundStream#read} to fetch the next chunk or the verified end. */
    void pumpStream(InboundStream stream) throws IOException {
        synchronized (receiveLock) {
            if (openStream != stream) {
                throw new IOException("stream is no longer current");
            }
            try {
                Inbound in = openNext();
                if (in instanceof Inbound.UnverifiedStreamChunk c) {
                    stream.chunk(c.data());
                } else if (in instanceof Inbound.StreamEnd e) {
                    stream.end(e.stream());
                    openStream = null;
                } else if (!(in instanceof Inbound.Pending)) {
                    throw new IllegalStateException("unexpected " + in + " inside a stream");
                }
            } catch (MarcomException e) {
                throw new StreamVerificationException(e);
            }
        }
    }

    private Inbound openNext() throws IOException, MarcomException {
        if (session.isPeerClosed()) {
            return new Inbound.Closed(); // asked again after the peer's close_notify: still closed
        }
        if (session.isFailed()) {
            throw new SessionClosedException("the session failed earlier");
        }
        byte[] frame;
        readingSince = System.nanoTime();
        try {
            frame = channel.readFrame();
        } catch (MarcomException e) {
            session.abort(e);
            terminate();
            throw e;
        } catch (SocketTimeoutException e) {
            // The caller's own read timeout: the frame channel kept any partial frame, the session
            // is intact, and the next call goes on reading.
            throw e;
        } catch (IOException e) {
            throw ended(e);
        } finally {
            readingSince = 0;
        }
        if (frame == null) {
            throw ended(null);
        }
        lastReceived = System.nanoTime();
        tracer.frame(false, FrameType.RECORD, frame.length);
        Inbound in;
        try {
            in = session.open(frame);
        } catch (MarcomException e) {
            terminate();
            throw e;
        }
        if (in instanceof Inbound.Ping) {
            answerPing();
            return new Inbound.Pending();
        }
        return in;
    }

    /** The exception for a transport that failed or ended ({@code cause} null) without close_notify. */
    private IOException ended(IOException cause) throws SessionClosedException {
        if (idleTimedOut) {
            return new IdleTimeoutException(idleTimeout);
        }
        if (closed.get()) {
            throw new SessionClosedException("channel was closed by this side");
        }
        terminate();
        return cause == null
                ? new ConnectionLostException("connection ended without close_notify (cut or truncated)")
                : new ConnectionLostException("connection lost: " + cause.getMessage(), cause);
    }

    /** Closes the transport after a failure, and stops the liveness threads. */
    private void terminate() {
        stopLiveness();
        closeQuietly(channel);
    }

    /**
     * Sends close_notify (when the session is still open) and closes the transport. Idempotent;
     * safe from any thread.
     */
    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            // A sender in the middle of a long stream holds the lock: then cut the transport without
            // close_notify, so the peer correctly sees an interrupted session rather than a clean end.
            if (sendLock.tryLock(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS)) {
                try {
                    channel.write(session.close());
                } finally {
                    sendLock.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SessionClosedException | IOException e) {
            // Already closed or failed, or the peer went away first: nothing more to say.
        } finally {
            stopLiveness();
            try {
                channel.close();
            } finally {
                // Nothing more will be sent or received: the receive keys go too, not only the send keys.
                session.discard();
            }
        }
    }

    private static void closeQuietly(FrameChannel c) {
        try {
            c.close();
        } catch (IOException | RuntimeException ignored) {
            // best effort
        }
    }
}
