package dev.marcom.server;

import dev.marcom.testing.Faults;
import java.io.IOException;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Socket calls with {@link Faults}, between the adapter's event loop and the kernel: short reads,
 * short and empty writes (the adapter must queue and wait for OP_WRITE), delays, a flipped bit in
 * what is read, and a reset at a planned offset.
 */
final class FaultyIo implements Io {
    private final Faults faults;

    FaultyIo(Faults faults) {
        this.faults = faults;
    }

    @Override
    public int read(SocketChannel channel, ByteBuffer dst) throws IOException {
        faults.maybeDelay();
        int allowed = faults.readAllowance(dst.remaining());
        if (allowed < 0) {
            try {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException ignored) {
                // closed already
            }
            channel.close();
            throw new SocketException("connection reset (injected)");
        }
        int pos = dst.position();
        int limit = dst.limit();
        dst.limit(pos + allowed);
        int n;
        try {
            n = channel.read(dst);
        } finally {
            dst.limit(limit);
        }
        if (n > 0) {
            faults.afterRead(dst, pos, n);
        }
        return n;
    }

    @Override
    public int write(SocketChannel channel, ByteBuffer src) throws IOException {
        faults.maybeDelay();
        int allowed = faults.writeAllowance(src.remaining());
        if (allowed == 0) {
            return 0;
        }
        int limit = src.limit();
        src.limit(src.position() + allowed);
        try {
            return channel.write(src);
        } finally {
            src.limit(limit);
        }
    }
}
