package dev.marcom.internal.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The connection preface: the 8 bytes {@code "MARCOM\r\n"} that begin each direction of a MARCOM
 * byte stream, before the first frame. They are the same for every protocol version (versions are
 * negotiated in the hellos), so a receiver can tell a MARCOM peer from anything else after at most
 * eight bytes, whatever version the peer speaks. The line ending makes line-based servers (HTTP,
 * SMTP, Redis, ...) answer at once with an error instead of waiting for more input.
 */
public final class Preface {
    private static final byte[] BYTES = "MARCOM\r\n".getBytes(StandardCharsets.US_ASCII);
    /** The preface's length in bytes. */
    public static final int LENGTH = BYTES.length;
    /** At most this many characters of a foreign peer's bytes are quoted in an error. */
    public static final int MAX_EXCERPT_CHARS = 60;

    private Preface() {}

    /** A fresh copy of the preface bytes. */
    public static byte[] bytes() {
        return BYTES.clone();
    }

    /** {@code frames} with the preface in front, as one array (one write, one TCP segment). */
    public static byte[] prepend(byte[] frames) {
        byte[] out = Arrays.copyOf(BYTES, LENGTH + frames.length);
        System.arraycopy(frames, 0, out, LENGTH, frames.length);
        return out;
    }

    /**
     * Whether {@code got[0..len)} is still a prefix of the preface: false as soon as one byte
     * differs, so a foreign peer is recognised at its first wrong byte.
     */
    public static boolean matchesSoFar(byte[] got, int len) {
        for (int i = 0; i < len; i++) {
            if (got[i] != BYTES[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * A printable excerpt of what a foreign peer sent: its first line (up to CR or LF), at most
     * {@link #MAX_EXCERPT_CHARS} characters, printable ASCII kept and every other byte written as
     * {@code \xNN}; "..." marks a cut.
     */
    public static String excerpt(byte[] got, int len) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (; i < len && out.length() < MAX_EXCERPT_CHARS; i++) {
            int b = got[i] & 0xff;
            if (b == '\r' || b == '\n') {
                return out.toString();
            }
            if (b >= 0x20 && b < 0x7f) {
                out.append((char) b);
            } else {
                out.append(String.format("\\x%02x", b));
            }
        }
        return i < len ? out + "..." : out.toString();
    }
}
