package dev.marcom.testing;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;

/**
 * A socket's streams with {@link Faults}: short reads, writes cut into short flushed pieces,
 * delays, a flipped bit in what is read, and a reset (the socket closed with an RST) at a planned
 * offset of what is read.
 */
public final class FaultyStreams {
    private FaultyStreams() {}

    /** The socket's input through {@code faults}. */
    public static InputStream in(Socket socket, Faults faults) throws IOException {
        return new FilterInputStream(socket.getInputStream()) {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                faults.maybeDelay();
                int allowed = faults.readAllowance(len);
                if (allowed < 0) {
                    FaultyStreams.reset(socket);
                }
                int n = super.read(b, off, allowed);
                if (n > 0) {
                    faults.afterRead(b, off, n);
                }
                return n;
            }

            @Override
            public int available() {
                return 0; // the excerpt of a foreign peer must not read past a planned reset
            }
        };
    }

    /** The socket's output through {@code faults}. */
    public static OutputStream out(Socket socket, Faults faults) throws IOException {
        return new FilterOutputStream(socket.getOutputStream()) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                while (len > 0) {
                    faults.maybeDelay();
                    int n = Math.max(1, faults.writeAllowance(len));
                    out.write(b, off, n);
                    out.flush();
                    off += n;
                    len -= n;
                }
            }
        };
    }

    static void reset(Socket socket) throws IOException {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException ignored) {
            // already closed
        }
        socket.close();
        throw new SocketException("connection reset (injected)");
    }
}
