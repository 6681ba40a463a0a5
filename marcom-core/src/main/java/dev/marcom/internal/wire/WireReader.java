package dev.marcom.internal.wire;

import dev.marcom.MalformedInputException;
import java.util.Arrays;

/** Reads big-endian fields from a byte array, failing with {@link MalformedInputException}. */
public final class WireReader {
    private final byte[] buf;
    private final int end;
    private int pos;

    public WireReader(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    public int position() {
        return pos;
    }

    private void need(int n, String what) throws MalformedInputException {
        if (n < 0 || end - pos < n) {
            throw new MalformedInputException(
                    "truncated: " + what + " needs " + n + " bytes, " + Math.max(0, end - pos) + " left");
        }
    }

    public int u8(String what) throws MalformedInputException {
        need(1, what);
        return buf[pos++] & 0xff;
    }

    public int u16(String what) throws MalformedInputException {
        need(2, what);
        int v = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    public long u64(String what) throws MalformedInputException {
        need(8, what);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[pos + i] & 0xff);
        }
        pos += 8;
        return v;
    }

    public byte[] bytes(int n, String what) throws MalformedInputException {
        need(n, what);
        byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }

    /** A u16-length-prefixed byte string of at most {@code max} bytes. */
    public byte[] vec16(int max, String what) throws MalformedInputException {
        int n = u16(what + " length");
        if (n > max) {
            throw new MalformedInputException(what + " of " + n + " bytes exceeds " + max);
        }
        return bytes(n, what);
    }

    public int remaining() {
        return end - pos;
    }

    /**
     * Checks that every byte was read.
     *
     * @throws MalformedInputException if bytes remain
     */
    public void end(String what) throws MalformedInputException {
        if (pos != end) {
            throw new MalformedInputException(what + " has " + (end - pos) + " trailing bytes");
        }
    }
}
