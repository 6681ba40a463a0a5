package dev.marcom.transport;

import dev.marcom.MalformedInputException;
import dev.marcom.internal.wire.Frames;
import dev.marcom.internal.wire.Preface;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * MARCOM's byte-stream encoding, shared by the stream and NIO adapters: each direction is the
 * connection preface followed by frames. Reads are resumable: a read that fails with a timeout
 * (a socket's {@code SO_TIMEOUT}) keeps the bytes of a partial frame, so the next call continues
 * where it stopped and the stream stays usable.
 *
 * <p>One thread may read while another writes; writes are serialised.
 */
final class FramedStream {
    private static final int BUFFER_BYTES = 16 * 1024;

    private final InputStream in;
    private final OutputStream out;
    private final String peerName;
    private final Object writeLock = new Object();
    private boolean prefaceSent;

    // Read state, owned by the single reading thread.
    private final byte[] preface = new byte[Preface.LENGTH];
    private int prefaceRead;
    private boolean prefaceVerified;
    private final byte[] header = new byte[Frames.HEADER_BYTES];
    private int headerRead;
    private byte[] frame;
    private int frameRead;

    /**
     * @param peerName how errors name the peer, e.g. {@code "example.org:7000"}
     */
    FramedStream(InputStream in, OutputStream out, String peerName) {
        this.in = new BufferedInputStream(in, BUFFER_BYTES);
        this.out = out;
        this.peerName = peerName;
    }

    byte[] readFrame() throws IOException, MalformedInputException {
        if (!prefaceVerified && !readPreface()) {
            return null;
        }
        if (frame == null) {
            while (headerRead < Frames.HEADER_BYTES) {
                int n = in.read(header, headerRead, Frames.HEADER_BYTES - headerRead);
                if (n < 0) {
                    if (headerRead == 0) {
                        return null;
                    }
                    throw new EOFException("stream ended inside a frame");
                }
                headerRead += n;
            }
            int bodyLength = Frames.bodyLength(header, 0);
            frame = Arrays.copyOf(header, Frames.HEADER_BYTES + bodyLength);
            frameRead = Frames.HEADER_BYTES;
        }
        while (frameRead < frame.length) {
            int n = in.read(frame, frameRead, frame.length - frameRead);
            if (n < 0) {
                throw new EOFException("stream ended inside a frame");
            }
            frameRead += n;
        }
        byte[] done = frame;
        frame = null;
        headerRead = 0;
        return done;
    }

    /** Reads and checks the peer's preface; false if the stream ended before its first byte. */
    private boolean readPreface() throws IOException {
        while (prefaceRead < Preface.LENGTH) {
            int n = in.read(preface, prefaceRead, Preface.LENGTH - prefaceRead);
            if (n < 0) {
                if (prefaceRead == 0) {
                    return false;
                }
                throw new EOFException("stream ended inside the MARCOM preface");
            }
            prefaceRead += n;
            if (!Preface.matchesSoFar(preface, prefaceRead)) {
                throw foreignPeer();
            }
        }
        prefaceVerified = true;
        return true;
    }

    /** The error for a peer whose first bytes are not the preface, quoting what is at hand. */
    private NotMarcomPeerException foreignPeer() {
        byte[] seen = Arrays.copyOf(preface, Preface.MAX_EXCERPT_CHARS + 4);
        int len = prefaceRead;
        try {
            // Only bytes that already arrived (no waiting): the same input gives the same error type
            // at once, and usually the foreign peer's whole first line.
            int more = Math.min(in.available(), seen.length - len);
            while (more > 0) {
                int n = in.read(seen, len, more);
                if (n <= 0) {
                    break;
                }
                len += n;
                more = Math.min(in.available(), seen.length - len);
            }
        } catch (IOException e) {
            // the excerpt is best effort
        }
        return new NotMarcomPeerException(peerName, Preface.excerpt(seen, len));
    }

    void write(byte[] frames) throws IOException {
        synchronized (writeLock) {
            if (!prefaceSent) {
                out.write(Preface.prepend(frames));
                prefaceSent = true;
            } else {
                out.write(frames);
            }
            out.flush();
        }
    }
}
