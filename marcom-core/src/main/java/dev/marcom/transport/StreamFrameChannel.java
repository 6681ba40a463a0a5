package dev.marcom.transport;

import dev.marcom.MalformedInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;

/**
 * A {@link FrameChannel} over an {@link InputStream} / {@link OutputStream} pair, e.g. a socket.
 * Each direction starts with the 8-byte MARCOM preface (written before the first frame, checked
 * before the first frame is read), so a peer that speaks another protocol is recognised at once.
 *
 * <p>A read that times out (the socket's {@code SO_TIMEOUT}) throws
 * {@link java.net.SocketTimeoutException} and keeps any partial frame: the next read continues.
 */
public final class StreamFrameChannel implements FrameChannel {
    private final FramedStream stream;
    private final AutoCloseable onClose;

    private StreamFrameChannel(InputStream in, OutputStream out, String peerName, AutoCloseable onClose) {
        this.stream = new FramedStream(in, out, peerName);
        this.onClose = onClose;
    }

    /**
     * Frames over two streams; {@link #close()} closes both.
     *
     * @param in the bytes from the peer
     * @param out the bytes to the peer
     * @return the channel
     */
    public static StreamFrameChannel of(InputStream in, OutputStream out) {
        return new StreamFrameChannel(in, out, "the peer", () -> {
            try (in;
                    out) {
                // closes both, even if one fails
            }
        });
    }

    /**
     * Frames over a connected socket (TCP_NODELAY set); {@link #close()} closes the socket.
     *
     * @param socket a connected socket
     * @return the channel
     * @throws IOException if the socket is closed or its options cannot be set
     */
    public static StreamFrameChannel of(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        return new StreamFrameChannel(
                socket.getInputStream(), socket.getOutputStream(), describe(socket.getRemoteSocketAddress()), socket);
    }

    /** {@code host:port} without the leading slash of {@code InetSocketAddress.toString()}. */
    static String describe(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getHostString();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return address == null ? "the peer" : address.toString();
    }

    /**
     * {@inheritDoc}
     *
     * @throws NotMarcomPeerException if the peer's first bytes are not the MARCOM preface
     * @throws java.net.SocketTimeoutException if the socket's read timeout expired; the channel
     *     stays usable
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
        try {
            onClose.close();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }
}
