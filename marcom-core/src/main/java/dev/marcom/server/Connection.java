package dev.marcom.server;

import dev.marcom.Bytes;
import dev.marcom.HandshakeTimeoutException;
import dev.marcom.MalformedInputException;
import dev.marcom.MarcomException;
import dev.marcom.NegotiationException;
import dev.marcom.Role;
import dev.marcom.SessionClosedException;
import dev.marcom.handshake.Handshake;
import dev.marcom.handshake.HandshakeStep;
import dev.marcom.identity.PeerIdentity;
import dev.marcom.identity.UntrustedPeerException;
import dev.marcom.internal.wire.Preface;
import dev.marcom.session.Inbound;
import dev.marcom.session.Session;
import dev.marcom.session.SessionConfig;
import dev.marcom.session.VerifiedMessage;
import dev.marcom.transport.ConnectionLostException;
import dev.marcom.transport.IdleTimeoutException;
import dev.marcom.transport.NotMarcomPeerException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One connection of a {@link MarcomServer} or {@link MarcomConnector}: the handle an application
 * sends with and closes. Its events reach the application's {@link SessionHandler}.
 *
 * <p>Inside, the connection ties the sans-I/O {@link Handshake} and {@link Session} to a
 * non-blocking socket: its event loop reads bytes and cuts them into frames (checking the preface
 * and each header before allocating), a worker thread feeds the frames to the handshake or the
 * session one at a time, in order, and writes go straight to the socket or, when it is full, to a
 * bounded queue that the event loop drains. An idle established connection holds its session and
 * a few hundred bytes of bookkeeping, no buffers.
 *
 * <h2>Security guarantees</h2>
 * As {@link Session}: only messages whose record, sequence number and DSA signature verified are
 * delivered, in order, exactly once. Any security failure ends the connection with {@link
 * SessionHandler#failed}; the transport is closed and the session's keys erased.
 *
 * <h2>Threads</h2>
 * {@link #send} and {@link #close()} may be called from any thread, including from the handler's
 * callbacks; sends are serialised and each send's frames go out in order.
 *
 * <h2>Size</h2>
 * About 680 code lines, above the house guideline of ~350, because one connection's life — its
 * handshake, its records in both directions, its queues and deadlines, and every way it can end —
 * is one state machine driven from three kinds of threads (event loop, workers, timer), and its
 * invariants (who may touch which field under which lock) are checked by reading them together.
 * The protocol itself is not here: it is {@link Handshake} and {@link Session}.
 */
public final class Connection {
    private static final int CONNECTING = 0;
    private static final int HANDSHAKING = 1;
    private static final int ESTABLISHED = 2;
    private static final int ENDED = 3;
    /** How long a connection that ended waits for the peer's end of stream before cutting. */
    private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** Per-record overhead of a frame (header, inner type, tag), for the queue estimate. */
    private static final int RECORD_OVERHEAD = 5 + 1 + 16;

    private enum Signal {
        START,
        EOF,
        FAIL,
        CLOSE,
        WRITABLE
    }

    /** An event for the worker, queued in order with the frames. */
    private record Event(Signal signal, Exception cause) {}

    private final Engine engine;
    private final EventLoop loop;
    private final SocketChannel channel;
    private final Io io;
    private final SessionConfig config;
    private final SessionHandler handler;
    private final Role role;
    private final InetSocketAddress remote;
    private final long startedAt = System.nanoTime();
    private volatile SelectionKey key;

    /** Counted against the limits; guarded by the engine's lock. */
    boolean counted;

    private volatile int phase;
    private Handshake handshake; // worker only
    private volatile Session session;
    private CompletableFuture<Connection> opening; // client only; worker only once started
    private boolean terminal; // worker only
    private volatile boolean deadlineHit;
    /** The application asked to close: the peer's close_notify that follows is its answer. */
    private volatile boolean closing;

    private volatile long endedAt;

    // Receiving. The decoder belongs to the event loop; the queue and flags are guarded by "this".
    private final FrameDecoder decoder;
    private ArrayDeque<Object> inbound;
    private int inboundBytes;
    private boolean readPaused;
    private boolean scheduled;

    // Sending: sendLock orders sealing with queueing; outLock guards the queue and transport state.
    private final ReentrantLock sendLock = new ReentrantLock();
    private final Object outLock = new Object();
    private ArrayDeque<ByteBuffer> queue;
    private volatile long queuedBytes;
    private boolean writeInterest;
    private boolean prefaceSent;
    private boolean closeWhenFlushed;
    private boolean outputShut;
    private volatile boolean transportClosed;
    private boolean wantWritable;

    private volatile long lastSent;
    private volatile long lastReceived;
    private volatile long lastPing;

    Connection(
            Engine engine,
            EventLoop loop,
            SocketChannel channel,
            Role role,
            InetSocketAddress remote,
            SessionConfig config,
            SessionHandler handler,
            CompletableFuture<Connection> opening) {
        this.engine = engine;
        this.loop = loop;
        this.channel = channel;
        this.io = engine.io.get();
        this.role = role;
        this.remote = remote;
        this.config = config;
        this.handler = handler;
        this.opening = opening;
        this.decoder = new FrameDecoder(role);
        this.phase = role == Role.CLIENT ? CONNECTING : HANDSHAKING;
    }

    // ---------------------------------------------------------------- the application's handle

    /**
     * Returns which side this is.
     *
     * @return {@link Role#SERVER} for a connection a {@link MarcomServer} accepted, {@link
     *     Role#CLIENT} for one a {@link MarcomConnector} opened
     */
    public Role role() {
        return role;
    }

    /**
     * Returns the peer's address.
     *
     * @return the remote socket address
     */
    public SocketAddress remoteAddress() {
        return remote;
    }

    /**
     * Returns the peer's identity once the handshake completed.
     *
     * @return the authenticated peer, or empty before {@link SessionHandler#established} (and for
     *     a connection whose handshake failed)
     */
    public Optional<PeerIdentity> peer() {
        Session s = session;
        return s == null ? Optional.empty() : Optional.of(s.peer());
    }

    /**
     * Returns the session id once the handshake completed (public; it names the session in every
     * message signature).
     *
     * @return the session id, or empty before the handshake completed
     */
    public Optional<Bytes> sessionId() {
        Session s = session;
        return s == null ? Optional.empty() : Optional.of(s.sessionId());
    }

    /**
     * Whether the session is established and has not ended.
     *
     * @return true between {@link SessionHandler#established} and the last event
     */
    public boolean isOpen() {
        return phase == ESTABLISHED;
    }

    /**
     * Returns the bytes written by this side but not yet accepted by the socket.
     *
     * @return the outbound queue's size in bytes
     */
    public long queuedBytes() {
        return queuedBytes;
    }

    /**
     * Signs, encrypts and sends one message: its frames go to the socket at once if it can take
     * them, else to this connection's outbound queue. Does not wait for the peer.
     *
     * @param plaintext the message, at most {@link SessionConfig#maxMessageBytes()} bytes
     * @return the message as sent and signed (sequence number, SHA-256, signature)
     * @throws OutboundQueueFullException if the outbound queue is not empty and this message would
     *     take it over {@link Limits#maxQueuedBytes()}; nothing was sent and {@link
     *     SessionHandler#writable} follows when it drained
     * @throws SessionClosedException if the session is not established yet, or has ended
     * @throws IllegalArgumentException if the plaintext exceeds the configured maximum
     */
    public VerifiedMessage send(byte[] plaintext) throws OutboundQueueFullException, SessionClosedException {
        Session s = session;
        if (s == null || phase != ESTABLISHED) {
            throw new SessionClosedException(
                    phase == ENDED ? "the connection has ended" : "the session is not established yet");
        }
        sendLock.lock();
        try {
            long estimate = plaintext.length
                    + 128L
                    + (long) RECORD_OVERHEAD * (plaintext.length / config.recordContentBytes() + 2);
            synchronized (outLock) {
                long queued = queuedBytes;
                if (queued > 0 && queued + estimate > engine.limits.maxQueuedBytes()) {
                    wantWritable = true;
                    throw new OutboundQueueFullException(queued, engine.limits.maxQueuedBytes());
                }
            }
            Session.Sealed sealed = s.sealMessage(plaintext);
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
     * @return the message as sent and signed
     * @throws OutboundQueueFullException if the outbound queue is full; nothing was sent
     * @throws SessionClosedException if the session is not established yet, or has ended
     * @throws IllegalArgumentException if the encoded text exceeds the configured maximum
     */
    public VerifiedMessage send(String text) throws OutboundQueueFullException, SessionClosedException {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Ends the connection from this side: an established session sends close_notify after what is
     * queued, then the transport is closed, and the handler gets {@link SessionHandler#closed} with
     * {@link CloseReason#CLOSED_LOCALLY}; a handshake in progress is abandoned ({@link
     * SessionHandler#failed} with a {@link SessionClosedException}). Idempotent; any thread.
     */
    public void close() {
        closing = true;
        if (phase == ESTABLISHED) {
            sendLock.lock();
            try {
                Session s = session;
                if (s != null && phase == ESTABLISHED) {
                    write(s.close());
                }
            } catch (SessionClosedException e) {
                // closed or failed already
            } finally {
                sendLock.unlock();
            }
        }
        signal(Signal.CLOSE, null);
    }

    @Override
    public String toString() {
        String state = switch (phase) {
            case CONNECTING -> "connecting";
            case HANDSHAKING -> "handshake";
            case ESTABLISHED -> "established";
            default -> "ended";
        };
        return "Connection[" + role + " " + describe(remote) + ", " + state + "]";
    }

    // ---------------------------------------------------------------- engine and event loop

    InetAddress remoteInetAddress() {
        return remote.getAddress();
    }

    /** How often the timer must look at this connection. */
    long tickNanos() {
        long tick = config.handshakeTimeout().toNanos() / 8;
        if (!config.keepAliveInterval().isZero()) {
            tick = Math.min(tick, config.keepAliveInterval().toNanos() / 4);
        }
        if (!config.idleTimeout().isZero()) {
            tick = Math.min(tick, config.idleTimeout().toNanos() / 8);
        }
        return tick;
    }

    /** Event loop: the channel is registered. */
    void registered(SelectionKey key) {
        this.key = key;
    }

    /** Event loop: the client's connect completed (or {@code channel.connect} did at once). */
    void connected() {
        try {
            if (channel.isConnectionPending()) {
                channel.finishConnect();
            }
        } catch (IOException e) {
            signal(Signal.FAIL, e);
            closeTransport();
            return;
        }
        setInterest(SelectionKey.OP_CONNECT, false);
        setInterest(SelectionKey.OP_READ, true);
        signal(Signal.START, null);
    }

    /** Event loop: the key is ready. */
    void ready(SelectionKey key, ByteBuffer readBuffer) {
        int ops = key.readyOps();
        if ((ops & SelectionKey.OP_CONNECT) != 0) {
            connected();
            return;
        }
        if ((ops & SelectionKey.OP_WRITE) != 0) {
            flush();
        }
        if ((ops & SelectionKey.OP_READ) != 0 && key.isValid()) {
            readable(readBuffer);
        }
    }

    private void readable(ByteBuffer buffer) {
        buffer.clear();
        int n;
        try {
            n = io.read(channel, buffer);
        } catch (IOException e) {
            inputEnded(e);
            return;
        }
        if (n < 0) {
            inputEnded(null);
            return;
        }
        if (n == 0 || phase == ENDED) {
            return; // after the end, what the peer still sends is read and dropped until its EOF
        }
        buffer.flip();
        try {
            decoder.feed(buffer, this::frameDecoded);
        } catch (FrameDecoder.ForeignBytesException e) {
            stopReading();
            closeTransport();
            signal(Signal.FAIL, new NotMarcomPeerException(describe(remote), e.excerpt()));
            return;
        } catch (MalformedInputException e) {
            stopReading();
            closeTransport();
            signal(Signal.FAIL, e);
            return;
        }
        boolean schedule = false;
        synchronized (this) {
            if (inboundBytes > engine.limits.maxInboundBytes() && !readPaused) {
                readPaused = true;
                setInterest(SelectionKey.OP_READ, false);
            }
            if (!scheduled && inbound != null && !inbound.isEmpty()) {
                scheduled = true;
                schedule = true;
            }
        }
        if (schedule) {
            engine.execute(this::drain);
        }
    }

    private void frameDecoded(byte[] frame) {
        lastReceived = System.nanoTime();
        synchronized (this) {
            if (inbound == null) {
                inbound = new ArrayDeque<>(4);
            }
            inbound.add(frame);
            inboundBytes += frame.length;
        }
    }

    private void inputEnded(IOException cause) {
        stopReading();
        if (phase == ENDED) {
            closeTransport();
        } else {
            signal(Signal.EOF, cause);
        }
    }

    private void stopReading() {
        setInterest(SelectionKey.OP_READ, false);
    }

    private void setInterest(int op, boolean on) {
        SelectionKey k = key;
        if (k == null) {
            return;
        }
        try {
            if (on) {
                k.interestOpsOr(op);
            } else {
                k.interestOpsAnd(~op);
            }
            loop.wakeup();
        } catch (CancelledKeyException e) {
            // the transport was closed
        }
    }

    /** Whether this handshake is only waiting for its peer (no work queued or running). */
    synchronized boolean waitingForPeer() {
        return phase == HANDSHAKING && !scheduled && (inbound == null || inbound.isEmpty());
    }

    /** Engine: this handshake gave its place to a newer connection. */
    void evict(OverloadedException cause) {
        signal(Signal.FAIL, cause); // first, so it is the reported cause, not the read that fails next
        closeTransport();
    }

    /** Cuts the transport; the handler hears {@code cause} unless it heard the end already. */
    void cut(Exception cause) {
        signal(Signal.FAIL, cause);
        closeTransport();
    }

    /** Timer thread: handshake deadline, idle timeout, keep-alive probe, lingering end. */
    void tick(long now) {
        int p = phase;
        if (p == CONNECTING || p == HANDSHAKING) {
            if (!deadlineHit && now - startedAt >= config.handshakeTimeout().toNanos()) {
                deadlineHit = true;
                signal(Signal.FAIL, new HandshakeTimeoutException(config.handshakeTimeout()));
                closeTransport();
            }
            return;
        }
        if (p == ENDED) {
            if (!transportClosed && now - endedAt >= LINGER_NANOS) {
                closeTransport();
            }
            return;
        }
        long idle = config.idleTimeout().toNanos();
        boolean paused;
        synchronized (this) {
            paused = readPaused || scheduled;
        }
        if (idle > 0 && !paused && !deadlineHit && now - lastReceived >= idle) {
            deadlineHit = true;
            signal(Signal.FAIL, new IdleTimeoutException(config.idleTimeout()));
            closeTransport();
            return;
        }
        long interval = config.keepAliveInterval().toNanos();
        if (interval > 0
                && (now - lastSent >= interval || now - lastReceived >= interval)
                && now - lastPing >= interval
                && sendLock.tryLock()) {
            try {
                lastPing = now;
                write(session.ping());
            } catch (SessionClosedException e) {
                // closed or failed: the worker reports it
            } finally {
                sendLock.unlock();
            }
        }
    }

    // ---------------------------------------------------------------- writing

    /** Writes frames (with the preface before the first); never blocks. */
    private void write(byte[] frames) {
        IOException failure = null;
        synchronized (outLock) {
            if (transportClosed || outputShut) {
                return;
            }
            byte[] bytes = frames;
            if (!prefaceSent) {
                bytes = Preface.prepend(frames);
                prefaceSent = true;
            }
            ByteBuffer b = ByteBuffer.wrap(bytes);
            if (queue == null || queue.isEmpty()) {
                try {
                    io.write(channel, b);
                } catch (IOException e) {
                    failure = e;
                }
            }
            if (failure == null && b.hasRemaining()) {
                if (queue == null) {
                    queue = new ArrayDeque<>(4);
                }
                queue.add(b);
                queuedBytes += b.remaining();
                if (!writeInterest) {
                    writeInterest = true;
                    setInterest(SelectionKey.OP_WRITE, true);
                }
            }
        }
        lastSent = System.nanoTime();
        if (failure != null) {
            transportFailed(failure);
        }
    }

    /** Event loop: the socket can take more. */
    private void flush() {
        IOException failure = null;
        boolean writable = false;
        synchronized (outLock) {
            long written = 0;
            try {
                while (queue != null && !queue.isEmpty()) {
                    ByteBuffer b = queue.peek();
                    written += io.write(channel, b);
                    if (b.hasRemaining()) {
                        break;
                    }
                    queue.poll();
                }
            } catch (IOException e) {
                failure = e;
            }
            queuedBytes -= written;
            if (failure == null && (queue == null || queue.isEmpty())) {
                queue = null;
                queuedBytes = 0;
                writeInterest = false;
                setInterest(SelectionKey.OP_WRITE, false);
                if (closeWhenFlushed) {
                    shutdownOutput();
                }
            }
            if (wantWritable && queuedBytes <= engine.limits.maxQueuedBytes() / 2) {
                wantWritable = false;
                writable = true;
            }
        }
        if (failure != null) {
            transportFailed(failure);
        } else if (writable) {
            signal(Signal.WRITABLE, null);
        }
    }

    private void transportFailed(IOException e) {
        closeTransport();
        signal(Signal.EOF, e);
    }

    /** After the last frame: shut the output once the queue is flushed, then linger for EOF. */
    private void closeWhenFlushed() {
        synchronized (outLock) {
            closeWhenFlushed = true;
            if (queue == null || queue.isEmpty()) {
                shutdownOutput();
            }
        }
    }

    /** The caller holds outLock. */
    private void shutdownOutput() {
        if (outputShut || transportClosed) {
            return;
        }
        outputShut = true;
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            closeTransport();
        }
    }

    /** Closes the socket now (from any thread). Idempotent. */
    void closeTransport() {
        synchronized (outLock) {
            if (transportClosed) {
                return;
            }
            transportClosed = true;
            queue = null;
            queuedBytes = 0;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing
        }
        // A registered channel is deregistered, and its descriptor released, by the selector's next
        // selection operation; until then the key keeps this connection attached. Wake the loop so
        // that it happens now, not whenever the next byte arrives on some other connection.
        loop.wakeup();
        engine.transportClosed(this);
    }

    // ---------------------------------------------------------------- the worker

    private void signal(Signal signal, Exception cause) {
        boolean schedule;
        synchronized (this) {
            if (inbound == null) {
                inbound = new ArrayDeque<>(4);
            }
            inbound.add(new Event(signal, cause));
            schedule = !scheduled;
            scheduled = true;
        }
        if (schedule) {
            engine.execute(this::drain);
        }
    }

    /** A worker: processes queued frames and events in order, a batch at a time. */
    private void drain() {
        for (int i = 0; i < 32; i++) {
            Object item;
            boolean resume = false;
            synchronized (this) {
                item = inbound == null ? null : inbound.poll();
                if (item == null) {
                    inbound = null;
                    scheduled = false;
                    return;
                }
                if (item instanceof byte[] frame) {
                    inboundBytes -= frame.length;
                    if (readPaused && inboundBytes <= engine.limits.maxInboundBytes() / 2) {
                        readPaused = false;
                        resume = true;
                    }
                }
            }
            if (resume && !terminal) {
                setInterest(SelectionKey.OP_READ, true);
            }
            process(item);
        }
        engine.execute(this::drain); // more to do: let other connections have a turn first
    }

    private void process(Object item) {
        if (terminal) {
            if (item instanceof Event e && e.signal() == Signal.EOF) {
                closeTransport(); // the peer's end after ours: nothing left to linger for
            }
            return;
        }
        try {
            if (item instanceof byte[] frame) {
                onFrame(frame);
                return;
            }
            Event e = (Event) item;
            switch (e.signal()) {
                case START -> {
                    handshake = Handshake.client(config);
                    phase = HANDSHAKING;
                    advance(handshake.start());
                }
                case EOF -> fail(ended(e.cause()));
                case FAIL -> fail(e.cause());
                case CLOSE -> {
                    if (phase == ESTABLISHED) {
                        finish(CloseReason.CLOSED_LOCALLY);
                    } else {
                        fail(new SessionClosedException("closed by this side during the handshake"));
                    }
                }
                case WRITABLE -> notify(() -> handler.writable(this));
                default -> throw new IllegalStateException(e.signal().toString());
            }
        } catch (MarcomException e) {
            fail(e);
        } catch (RuntimeException e) {
            fail(new SessionClosedException("unexpected failure: " + e, e));
        }
    }

    private void onFrame(byte[] frame) throws MarcomException {
        if (phase == HANDSHAKING) {
            if (handshake == null) {
                // A server creates its handshake on the first frame: a connection that never sends one
                // costs no handshake state.
                handshake = Handshake.server(config);
                handshake.start();
            }
            advance(handshake.receive(frame));
            return;
        }
        Inbound in = session.open(frame);
        if (in instanceof Inbound.Message m) {
            notify(() -> handler.message(this, m.message()));
        } else if (in instanceof Inbound.Ping) {
            sendLock.lock();
            try {
                write(session.pong());
            } catch (SessionClosedException e) {
                // this side closed: the close_notify said everything
            } finally {
                sendLock.unlock();
            }
        } else if (in instanceof Inbound.Closed) {
            sendLock.lock();
            try {
                write(session.close());
            } catch (SessionClosedException e) {
                // this side closed already
            } finally {
                sendLock.unlock();
            }
            finish(closing ? CloseReason.CLOSED_LOCALLY : CloseReason.PEER_CLOSED);
        } else if (in instanceof Inbound.StreamStart s) {
            throw new StreamsNotSupportedException(s.name());
        } else if (!(in instanceof Inbound.Pending)) {
            throw new MalformedInputException("unexpected " + in.getClass().getSimpleName());
        }
    }

    private void advance(HandshakeStep step) throws MarcomException {
        while (true) {
            if (step instanceof HandshakeStep.Send send) {
                write(send.frame());
                step = handshake.next(); // a server that sent a Refusal or NoCommonSuite throws
            } else if (step instanceof HandshakeStep.Established done) {
                established(done.session());
                return;
            } else {
                return; // AwaitFrame
            }
        }
    }

    private void established(Session s) {
        handshake = null;
        long now = System.nanoTime();
        lastSent = now;
        lastReceived = now;
        lastPing = now;
        session = s;
        phase = ESTABLISHED;
        engine.handshakeEnded(this);
        engine.established.incrementAndGet();
        notify(() -> handler.established(this, s.peer()));
        CompletableFuture<Connection> f = opening;
        opening = null;
        if (f != null) {
            f.complete(this);
        }
    }

    /** Clean end of an established session. */
    private void finish(CloseReason reason) {
        terminal = true;
        endedAt = System.nanoTime();
        phase = ENDED;
        closeWhenFlushed();
        session.discard();
        engine.release(this);
        engine.closed.incrementAndGet();
        notify(() -> handler.closed(this, reason));
    }

    private void fail(Exception cause) {
        if (terminal) {
            return;
        }
        terminal = true;
        endedAt = System.nanoTime();
        phase = ENDED;
        if (handshake != null) {
            handshake.abort(String.valueOf(cause.getMessage()));
            handshake = null;
        }
        Session s = session;
        if (s != null) {
            s.abort(
                    cause instanceof MarcomException m
                            ? m
                            : new SessionClosedException("transport failed: " + cause.getMessage(), cause));
            s.discard();
        }
        if ((cause instanceof UntrustedPeerException || cause instanceof NegotiationException) && role == Role.SERVER) {
            closeWhenFlushed(); // the Refusal or NoCommonSuite frame goes out before the connection closes
        } else {
            closeTransport();
        }
        engine.release(this);
        engine.failed.incrementAndGet();
        notify(() -> handler.failed(this, cause));
        CompletableFuture<Connection> f = opening;
        opening = null;
        if (f != null) {
            f.completeExceptionally(cause);
        }
    }

    /** The exception for input that ended ({@code cause} null: cleanly) without close_notify. */
    private IOException ended(Exception cause) {
        String how = cause == null ? null : String.valueOf(cause.getMessage());
        if (phase != ESTABLISHED) {
            return cause == null
                    ? new ConnectionLostException("peer closed the connection during the handshake")
                    : new ConnectionLostException("connection lost during the handshake: " + how, cause);
        }
        return cause == null
                ? new ConnectionLostException("connection ended without close_notify (cut or truncated)")
                : new ConnectionLostException("connection lost: " + how, cause);
    }

    private static void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            // handlers must not throw; one that does must not break the connection's bookkeeping
        }
    }

    static String describe(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return address == null ? "the peer" : address.toString();
    }
}
