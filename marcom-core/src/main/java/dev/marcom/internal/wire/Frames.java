package dev.marcom.internal.wire;

import dev.marcom.MalformedInputException;

/**
 * The frame layout shared by handshake messages and records: {@code type (1) ‖ length (4, big
 * endian) ‖ body (length bytes)}. Lengths are checked against the type's maximum before any body
 * is allocated.
 */
public final class Frames {
    public static final int HEADER_BYTES = 5;
    /** Largest record content (application bytes per record). */
    public static final int MAX_RECORD_CONTENT = 65536;
    /** Inner type byte + content + GCM tag. */
    public static final int MAX_RECORD_BODY = 1 + MAX_RECORD_CONTENT + 16;
    /** The largest frame any MARCOM peer sends, header included. */
    public static final int MAX_FRAME_BYTES = HEADER_BYTES + MAX_RECORD_BODY;

    private Frames() {}

    /**
     * Checks a 5-byte header and returns the body length it announces.
     *
     * @throws MalformedInputException if the type is unknown or the length exceeds its maximum
     */
    public static int bodyLength(byte[] header, int offset) throws MalformedInputException {
        FrameType type = FrameType.of(header[offset] & 0xff);
        if (type == null) {
            throw new MalformedInputException("unknown frame type 0x" + Integer.toHexString(header[offset] & 0xff));
        }
        long len = ((header[offset + 1] & 0xffL) << 24)
                | ((header[offset + 2] & 0xff) << 16)
                | ((header[offset + 3] & 0xff) << 8)
                | (header[offset + 4] & 0xff);
        if (len > type.maxBody()) {
            throw new MalformedInputException(
                    type + " frame of " + len + " bytes exceeds the maximum of " + type.maxBody());
        }
        return (int) len;
    }

    /**
     * Checks a complete frame and returns its type.
     *
     * @throws MalformedInputException if the header is invalid or the length does not match
     */
    public static FrameType check(byte[] frame) throws MalformedInputException {
        if (frame.length < HEADER_BYTES) {
            throw new MalformedInputException("frame shorter than its 5-byte header");
        }
        int len = bodyLength(frame, 0);
        if (frame.length != HEADER_BYTES + len) {
            throw new MalformedInputException(
                    "frame length field says " + len + " but body has " + (frame.length - HEADER_BYTES) + " bytes");
        }
        return FrameType.of(frame[0] & 0xff);
    }

    /** Writes a header for {@code type} and {@code bodyLength} into {@code out} at {@code off}. */
    public static void writeHeader(FrameType type, int bodyLength, byte[] out, int off) {
        out[off] = (byte) type.code();
        out[off + 1] = (byte) (bodyLength >>> 24);
        out[off + 2] = (byte) (bodyLength >>> 16);
        out[off + 3] = (byte) (bodyLength >>> 8);
        out[off + 4] = (byte) bodyLength;
    }

    /** A complete frame of {@code type} around {@code body}. */
    public static byte[] frame(FrameType type, byte[] body) {
        byte[] out = new byte[HEADER_BYTES + body.length];
        writeHeader(type, body.length, out, 0);
        System.arraycopy(body, 0, out, HEADER_BYTES, body.length);
        return out;
    }
}
