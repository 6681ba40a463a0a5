package dev.marcom.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The two socket calls the adapter makes, behind an interface so tests can inject faults (short
 * reads and writes, resets, bit flips) between the selector and the protocol. {@link #PLAIN}
 * calls the channel.
 */
interface Io {
    /** As {@link SocketChannel#read(ByteBuffer)}. */
    int read(SocketChannel channel, ByteBuffer dst) throws IOException;

    /** As {@link SocketChannel#write(ByteBuffer)}. */
    int write(SocketChannel channel, ByteBuffer src) throws IOException;

    /** Plain socket I/O. */
    Io PLAIN = new Io() {
        @Override
        public int read(SocketChannel channel, ByteBuffer dst) throws IOException {
            return channel.read(dst);
        }

        @Override
        public int write(SocketChannel channel, ByteBuffer src) throws IOException {
            return channel.write(src);
        }
    };
}
