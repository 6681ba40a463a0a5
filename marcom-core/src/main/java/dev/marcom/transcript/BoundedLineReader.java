package dev.marcom.transcript;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into {@code '\n'}-terminated lines, refusing any line longer than a limit
 * before buffering more of it, so memory stays bounded whatever the input.
 */
final class BoundedLineReader {
    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buf = new byte[64 * 1024];
    private int bufPos;
    private int bufLen;
    private boolean eof;
    private byte[] line;
    private long lineNumber;
    private boolean terminated;

    BoundedLineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.line = new byte[Math.min(8192, maxLineBytes)];
    }

    /**
     * The next line without its {@code '\n'}, or null at the end of the input. A last line without
     * a newline is returned with {@link #terminated()} false.
     *
     * @throws TranscriptException if the line is longer than the limit
     */
    byte[] next() throws IOException, TranscriptException {
        int len = 0;
        while (true) {
            if (bufPos == bufLen) {
                if (eof) {
                    break;
                }
                int n = in.read(buf);
                if (n < 0) {
                    eof = true;
                    break;
                }
                bufPos = 0;
                bufLen = n;
                continue;
            }
            int end = bufPos;
            while (end < bufLen && buf[end] != '\n') {
                end++;
            }
            int chunk = end - bufPos;
            if (chunk > maxLineBytes - len) {
                throw new TranscriptException(
                        lineNumber + 1,
                        TranscriptException.Reason.MALFORMED,
                        "line longer than " + maxLineBytes + " bytes");
            }
            if (len + chunk > line.length) {
                line = Arrays.copyOf(line, (int)
                        Math.min(maxLineBytes, Math.max(2L * line.length, (long) len + chunk)));
            }
            System.arraycopy(buf, bufPos, line, len, chunk);
            len += chunk;
            bufPos = end;
            if (end < bufLen) {
                bufPos++;
                lineNumber++;
                terminated = true;
                return Arrays.copyOf(line, len);
            }
        }
        if (len == 0) {
            return null;
        }
        lineNumber++;
        terminated = false;
        return Arrays.copyOf(line, len);
    }

    /** Whether the line last returned ended with a newline. */
    boolean terminated() {
        return terminated;
    }

    /** The 1-based number of the line last returned (0 before the first). */
    long lineNumber() {
        return lineNumber;
    }
}
