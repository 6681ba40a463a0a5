package dev.marcom.transcript;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Applies edits chosen by a fuzzer or a pseudo-random source to a transcript, and says at which
 * line verification of the result must fail.
 */
final class TranscriptEdits {
    /** Where the choices come from. */
    interface Choices {
        /** A value in [min, max]. */
        int pick(int min, int max);

        byte[] bytes(int maxLength);

        boolean exhausted();
    }

    private TranscriptEdits() {}

    static byte[] apply(byte[] original, Choices c) {
        byte[] b = original.clone();
        int edits = c.pick(1, 4);
        for (int e = 0; e < edits && !c.exhausted(); e++) {
            int pos = c.pick(0, b.length);
            switch (c.pick(0, 4)) {
                case 0 -> {
                    if (pos < b.length) {
                        b[pos] ^= (byte) (1 << c.pick(0, 7));
                    }
                }
                case 1 -> {
                    if (pos < b.length) {
                        b[pos] = (byte) c.pick(0, 255);
                    }
                }
                case 2 -> {
                    int len = Math.min(c.pick(1, 3000), b.length - pos);
                    b = splice(b, pos, len, new byte[0]);
                }
                case 3 -> b = splice(b, pos, 0, c.bytes(64));
                default -> {
                    // Move or copy a range of the file elsewhere (lines, parts of lines).
                    int from = c.pick(0, b.length);
                    int len = Math.min(c.pick(1, 6000), b.length - from);
                    byte[] piece = Arrays.copyOfRange(b, from, from + len);
                    if (c.pick(0, 1) == 0 && len > 0) {
                        b = splice(b, from, len, new byte[0]);
                        pos = Math.min(pos, b.length);
                    }
                    b = splice(b, pos, 0, piece);
                }
            }
        }
        return b;
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + insert.length);
        out.write(b, 0, at);
        out.writeBytes(insert);
        out.write(b, at + remove, b.length - at - remove);
        return out.toByteArray();
    }

    /**
     * The line at which verifying {@code edited} must fail: one past the leading complete lines the
     * edit left unchanged (a line after the end line, a missing end line and a cut line all fail
     * there too).
     */
    static long expectedFailureLine(byte[] original, byte[] edited) {
        long same = 0;
        int i = 0;
        while (true) {
            int end = indexOf(original, i);
            if (end < 0
                    || end >= edited.length
                    || edited[end] != '\n'
                    || !Arrays.equals(original, i, end, edited, i, end)) {
                return same + 1;
            }
            same++;
            i = end + 1;
        }
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
