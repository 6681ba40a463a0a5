package dev.marcom.transport;

import dev.marcom.MalformedInputException;
import dev.marcom.internal.wire.Frames;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Two connected in-memory {@link FrameChannel}s, for tests and benchmarks: what one end writes the
 * other reads, frame by frame. Each direction holds at most {@code capacity} frames; a writer
 * blocks while it is full. Written bytes are split into frames and each header is checked as a
 * socket reader would. Closing an end behaves like closing a socket: the peer reads end of stream
 * after the frames already sent, a read blocked on this end returns end of stream, and writes to a
 * closed connection fail.
 */
public final class InMemoryFrameChannel implements FrameChannel {
    private static final byte[] EOF = new byte[0];

    /** One direction: an unbounded queue whose data frames are limited by a semaphore. */
    private static final class Pipe {
        final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
        final Semaphore space;
        volatile boolean closed;

        Pipe(int capacity) {
            space = new Semaphore(capacity);
        }
    }

    private final Pipe inbox;
    private final Pipe outbox;
    private boolean sawEof;

    private InMemoryFrameChannel(Pipe inbox, Pipe outbox) {
        this.inbox = inbox;
        this.outbox = outbox;
    }

    /** The two ends of a connection. */
    public record Pair(InMemoryFrameChannel client, InMemoryFrameChannel server) {}

    /**
     * Creates a connected pair holding up to {@code capacity} frames in each direction.
     *
     * @param capacity how many frames a direction holds before its writer blocks
     * @return the two ends
     * @throws IllegalArgumentException if {@code capacity} is less than 1
     */
    public static Pair pair(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        Pipe a = new Pipe(capacity);
        Pipe b = new Pipe(capacity);
        return new Pair(new InMemoryFrameChannel(a, b), new InMemoryFrameChannel(b, a));
    }

    /**
     * Creates a connected pair holding up to 64 frames in each direction.
     *
     * @return the two ends
     */
    public static Pair pair() {
        return pair(64);
    }

    @Override
    public byte[] readFrame() throws IOException, MalformedInputException {
        if (sawEof) {
            return null;
        }
        try {
            byte[] frame = inbox.queue.take();
            if (frame == EOF) {
                sawEof = true;
                return null;
            }
            inbox.space.release();
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading a frame");
        }
    }

    @Override
    public void write(byte[] frames) throws IOException {
        int pos = 0;
        while (pos < frames.length) {
            int len;
            try {
                if (frames.length - pos < Frames.HEADER_BYTES) {
                    throw new MalformedInputException("partial frame header");
                }
                len = Frames.HEADER_BYTES + Frames.bodyLength(frames, pos);
            } catch (MalformedInputException e) {
                throw new IOException("write must contain whole, valid frames: " + e.getMessage(), e);
            }
            if (pos + len > frames.length) {
                throw new IOException("write must contain whole frames");
            }
            byte[] frame = new byte[len];
            System.arraycopy(frames, pos, frame, 0, len);
            acquireSpace();
            outbox.queue.add(frame);
            pos += len;
        }
    }

    private void acquireSpace() throws IOException {
        try {
            while (!outbox.space.tryAcquire(20, TimeUnit.MILLISECONDS)) {
                checkOpen();
            }
            checkOpen();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing a frame");
        }
    }

    private void checkOpen() throws IOException {
        if (outbox.closed || inbox.closed) {
            throw new IOException("connection is closed");
        }
    }

    /** Closes this end: the peer reads end of stream; idempotent. */
    @Override
    public void close() {
        if (!outbox.closed) {
            outbox.closed = true;
            outbox.queue.add(EOF);
        }
        if (!inbox.closed) {
            inbox.closed = true;
            inbox.queue.add(EOF);
        }
    }
}
