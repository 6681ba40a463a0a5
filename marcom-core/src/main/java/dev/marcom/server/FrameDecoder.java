package dev.marcom.server;

import dev.marcom.MalformedInputException;
import dev.marcom.Role;
import dev.marcom.internal.wire.FrameType;
import dev.marcom.internal.wire.Frames;
import dev.marcom.internal.wire.Preface;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Incremental parser of one received direction of a MARCOM byte stream: the preface, then frames,
 * fed from whatever {@link ByteBuffer}s the socket yields (a byte at a time or many frames at
 * once). It holds no read buffer of its own: a frame's array is allocated when its header is
 * complete, at exactly the size the header announces, after {@link Frames#bodyLength} checked it.
 *
 * <p>It also knows which frame type may come next from the peer, by position alone: a server
 * hears ClientHello, ClientAuth, then records; a client hears ServerHello, ServerFinished or
 * Refusal, then records. A frame of another type is refused at its header, so a peer that has not
 * authenticated can make this side allocate at most one handshake frame (16 KiB), never a 64 KiB
 * record. (The handshake would refuse such frames anyway; this only refuses them earlier.)
 *
 * <p>Not thread-safe: one event-loop thread feeds it.
 */
final class FrameDecoder {
    private static final byte[] PREFACE = Preface.bytes();

    /** What the peer's first bytes were when they were not the preface. */
    static final class ForeignBytesException extends Exception {
        private static final long serialVersionUID = 1L;
        private final String excerpt;

        ForeignBytesException(String excerpt) {
            super(excerpt, null, false, false);
            this.excerpt = excerpt;
        }

        String excerpt() {
            return excerpt;
        }
    }

    private final Role local;
    /** Bytes of the preface seen so far; {@link Preface#LENGTH} once verified. */
    private int prefaceRead;
    /** Frames completed so far (decides which type may come next). */
    private int framesRead;

    private final byte[] header = new byte[Frames.HEADER_BYTES];
    private int headerRead;
    private byte[] frame;
    private int frameRead;

    /**
     * @param local the role of the side that receives (a server decodes a client's bytes)
     */
    FrameDecoder(Role local) {
        this.local = local;
    }

    /**
     * Consumes every remaining byte of {@code in}, handing each completed frame to {@code out}.
     *
     * @throws ForeignBytesException if the peer's first bytes are not the MARCOM preface
     * @throws MalformedInputException if a header has an unknown or unexpected type or an
     *     oversized length; nothing is allocated for it
     */
    void feed(ByteBuffer in, Consumer<byte[]> out) throws ForeignBytesException, MalformedInputException {
        while (in.hasRemaining()) {
            if (prefaceRead < Preface.LENGTH) {
                readPreface(in);
            } else if (frame == null) {
                int n = Math.min(in.remaining(), Frames.HEADER_BYTES - headerRead);
                in.get(header, headerRead, n);
                headerRead += n;
                if (headerRead == Frames.HEADER_BYTES) {
                    int bodyLength = Frames.bodyLength(header, 0);
                    checkExpected(header[0] & 0xff);
                    frame = Arrays.copyOf(header, Frames.HEADER_BYTES + bodyLength);
                    frameRead = Frames.HEADER_BYTES;
                    headerRead = 0;
                    completeIfFull(out);
                }
            } else {
                int n = Math.min(in.remaining(), frame.length - frameRead);
                in.get(frame, frameRead, n);
                frameRead += n;
                completeIfFull(out);
            }
        }
    }

    /** Whether bytes of an unfinished frame (or preface) are held. */
    boolean midFrame() {
        return frame != null || headerRead > 0 || (prefaceRead > 0 && prefaceRead < Preface.LENGTH);
    }

    /** Bytes held for the frame being received (its announced size), 0 between frames. */
    int heldBytes() {
        return frame == null ? 0 : frame.length;
    }

    private void completeIfFull(Consumer<byte[]> out) {
        if (frameRead == frame.length) {
            byte[] done = frame;
            frame = null;
            if (framesRead < 2) {
                framesRead++;
            }
            out.accept(done);
        }
    }

    private void readPreface(ByteBuffer in) throws ForeignBytesException {
        while (in.hasRemaining() && prefaceRead < Preface.LENGTH) {
            int at = in.position();
            if (in.get() != PREFACE[prefaceRead]) {
                // Quote what the peer sent: the matching start of the preface and what follows it here.
                int take = Math.min(in.limit() - at, Preface.MAX_EXCERPT_CHARS + 4);
                byte[] seen = Arrays.copyOf(PREFACE, prefaceRead + take);
                in.get(at, seen, prefaceRead, take);
                in.position(in.limit());
                throw new ForeignBytesException(Preface.excerpt(seen, seen.length));
            }
            prefaceRead++;
        }
    }

    private void checkExpected(int code) throws MalformedInputException {
        FrameType type = FrameType.of(code);
        boolean ok;
        if (local == Role.SERVER) {
            ok = switch (framesRead) {
                case 0 -> type == FrameType.CLIENT_HELLO;
                case 1 -> type == FrameType.CLIENT_AUTH;
                default -> type == FrameType.RECORD;
            };
        } else {
            ok = switch (framesRead) {
                case 0 -> type == FrameType.SERVER_HELLO;
                case 1 -> type == FrameType.SERVER_FINISHED || type == FrameType.REFUSAL;
                default -> type == FrameType.RECORD;
            };
        }
        if (!ok) {
            throw new MalformedInputException("unexpected " + type + " frame from the peer"
                    + (framesRead < 2 ? " during the handshake" : " after the handshake"));
        }
    }
}
