package dev.marcom.transport;

import dev.marcom.MalformedInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;

/**
 * A {@link FrameChannel} over a blocking NIO {@link ByteChannel}, such as a
 * {@link java.nio.channels.SocketChannel} in blocking mode. Like {@link StreamFrameChannel}, each
 * direction starts with the MARCOM preface.
 */
public final class ByteChannelFrameChannel implements FrameChannel {
    private final ByteChannel channel;
    private final FramedStream stream;

    /**
     * Frames over {@code channel}, which must be in blocking mode; {@link #close()} closes it.
     *
     * @param channel a connected, blocking channel
     */
    public ByteChannelFrameChannel(ByteChannel channel) {
        this.channel = channel;
        String peer = "the peer";
        if (channel instanceof SocketChannel socket) {
            try {
                peer = StreamFrameChannel.describe(socket.getRemoteAddress());
            } catch (IOException e) {
                // not connected yet or closed: keep the generic name
            }
        }
        this.stream = new FramedStream(new In(channel), new Out(channel), peer);
    }

    /**
     * Reads straight from the channel. ({@code Channels.newInputStream} is not used: for a
     * selectable channel it holds the channel's blocking lock while it blocks, which would stall
     * every concurrent write.)
     */
    private static final class In extends InputStream {
        private final ByteChannel channel;

        In(ByteChannel channel) {
            this.channel = channel;
        }

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
            int n = channel.read(ByteBuffer.wrap(b, off, len));
            if (n == 0) {
                throw new IOException("ByteChannelFrameChannel needs a blocking channel");
            }
            return n;
        }
    }

    /** Writes straight to the channel, until every byte is written. */
    private static final class Out extends OutputStream {
        private final ByteChannel channel;

        Out(ByteChannel channel) {
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
            while (buf.hasRemaining()) {
                if (channel.write(buf) == 0) {
                    throw new IOException("ByteChannelFrameChannel needs a blocking channel");
                }
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws NotMarcomPeerException if the peer's first bytes are not the MARCOM preface
     * @throws IOException if the channel is non-blocking, or on transport failure
     */
    @Override
    public byte[] readFrame() throws IOException, MalformedInputException {
        return stream.readFrame();
    }

    /** {@inheritDoc} The first write is preceded by the MARCOM preface. */
    @Override
    public void write(byte[] frames) throws IOException {
        stream.write(frames);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
