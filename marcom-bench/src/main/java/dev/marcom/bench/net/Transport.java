package dev.marcom.bench.net;

import dev.marcom.MarcomException;
import dev.marcom.bench.Tls;
import dev.marcom.session.SessionConfig;
import dev.marcom.session.VerifiedMessage;
import dev.marcom.transport.Delivery;
import dev.marcom.transport.SecureChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One of the three things compared over loopback: MARCOM's {@link SecureChannel}, JSSE
 * {@link SSLSocket} TLS 1.3 and a plain socket (the transport limit). Each gives connections that
 * send and receive messages and bulk streams. Every socket has {@code TCP_NODELAY} set.
 */
abstract class Transport {
    static final int CHUNK = 64 * 1024;

    /** A name for the report: {@code marcom}, {@code tls13} or {@code plain}. */
    abstract String name();

    /** Opens the client end of a connection to {@code port} (including any handshake). */
    abstract Conn connect(int port) throws IOException, MarcomException;

    /** Completes the server end of an accepted socket (including any handshake). */
    abstract Conn accept(Socket socket) throws IOException, MarcomException;

    /** A listening socket on loopback. */
    ServerSocket listen() throws IOException {
        return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    /** One end of a connection. */
    interface Conn extends AutoCloseable {
        /** Sends one message of {@code len} bytes. */
        void send(byte[] b, int len) throws IOException, MarcomException;

        /** Receives one message of exactly {@code len} bytes into {@code b}. */
        void receive(byte[] b, int len) throws IOException, MarcomException;

        /** Sends {@code total} bytes as one stream. */
        void sendBulk(long total) throws IOException, MarcomException;

        /** Receives a stream of {@code total} bytes (verified, for MARCOM); returns bytes read. */
        long receiveBulk(long total) throws IOException, MarcomException;

        @Override
        void close() throws IOException;
    }

    /** An input stream yielding {@code total} bytes of a fixed pattern, cheaply. */
    static InputStream patternSource(long total, byte[] pattern) {
        return new InputStream() {
            long left = total;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(Math.min(len, left), pattern.length);
                System.arraycopy(pattern, 0, b, off, n);
                left -= n;
                return n;
            }
        };
    }

    static Socket tuned(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        return s;
    }

    // ---- a plain socket ------------------------------------------------------------------------

    /** Plain TCP: the limit for any protocol over this loopback. */
    static final class Plain extends Transport {
        @Override
        String name() {
            return "plain";
        }

        @Override
        Conn connect(int port) throws IOException {
            Socket s = tuned(new Socket(InetAddress.getLoopbackAddress(), port));
            return new StreamConn(s, s.getInputStream(), s.getOutputStream());
        }

        @Override
        Conn accept(Socket socket) throws IOException {
            tuned(socket);
            return new StreamConn(socket, socket.getInputStream(), socket.getOutputStream());
        }
    }

    /** Messages and bulk over a byte stream (plain or TLS). */
    static final class StreamConn implements Conn {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        final byte[] chunk = dev.marcom.bench.Fixtures.pattern(CHUNK);
        final byte[] sink = new byte[CHUNK];

        StreamConn(Socket socket, InputStream in, OutputStream out) {
            this.socket = socket;
            this.in = in;
            this.out = out;
        }

        @Override
        public void send(byte[] b, int len) throws IOException {
            out.write(b, 0, len);
            out.flush();
        }

        @Override
        public void receive(byte[] b, int len) throws IOException {
            int got = in.readNBytes(b, 0, len);
            if (got != len) {
                throw new IOException("connection ended after " + got + " of " + len + " bytes");
            }
        }

        @Override
        public void sendBulk(long total) throws IOException {
            long left = total;
            while (left > 0) {
                int n = (int) Math.min(CHUNK, left);
                out.write(chunk, 0, n);
                left -= n;
            }
            out.flush();
        }

        @Override
        public long receiveBulk(long total) throws IOException {
            long got = 0;
            while (got < total) {
                int n = in.read(sink, 0, (int) Math.min(sink.length, total - got));
                if (n < 0) {
                    throw new IOException("connection ended after " + got + " bytes");
                }
                got += n;
            }
            return got;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    // ---- JSSE TLS 1.3 --------------------------------------------------------------------------

    /**
     * JSSE {@link SSLSocket}, TLS 1.3 with {@code TLS_AES_256_GCM_SHA384} only, ECDSA P-256 server
     * certificate. The client invalidates each session after its handshake, so no connection
     * resumes an earlier one: every handshake is full.
     */
    static final class Tls13 extends Transport {
        private final SSLContext ctx = Tls.context();

        @Override
        String name() {
            return "tls13";
        }

        @Override
        Conn connect(int port) throws IOException {
            Socket raw = tuned(new Socket(InetAddress.getLoopbackAddress(), port));
            SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(raw, null, port, true);
            s.setUseClientMode(true);
            s.setSSLParameters(Tls.parameters(ctx, false));
            s.startHandshake();
            return new StreamConn(s, s.getInputStream(), s.getOutputStream());
        }

        @Override
        Conn accept(Socket socket) throws IOException {
            tuned(socket);
            SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
            s.setUseClientMode(false);
            s.setSSLParameters(Tls.parameters(ctx, false));
            s.startHandshake();
            return new StreamConn(s, s.getInputStream(), s.getOutputStream());
        }
    }

    // ---- MARCOM --------------------------------------------------------------------------------

    /** MARCOM's {@link SecureChannel}: every message signed, streams signed at their end. */
    static final class Marcom extends Transport {
        private final SessionConfig config;

        Marcom(SessionConfig config) {
            this.config = config;
        }

        @Override
        String name() {
            return "marcom";
        }

        @Override
        Conn connect(int port) throws IOException, MarcomException {
            Socket s = tuned(new Socket(InetAddress.getLoopbackAddress(), port));
            return new ChannelConn(SecureChannel.connect(s, config));
        }

        @Override
        Conn accept(Socket socket) throws IOException, MarcomException {
            tuned(socket);
            return new ChannelConn(SecureChannel.accept(socket, config));
        }
    }

    static final class ChannelConn implements Conn {
        final SecureChannel channel;
        final byte[] pattern = dev.marcom.bench.Fixtures.pattern(CHUNK);
        final byte[] sink = new byte[CHUNK];

        ChannelConn(SecureChannel channel) {
            this.channel = channel;
        }

        @Override
        public void send(byte[] b, int len) throws IOException, MarcomException {
            channel.send(len == b.length ? b : java.util.Arrays.copyOf(b, len));
        }

        @Override
        public void receive(byte[] b, int len) throws IOException, MarcomException {
            Optional<VerifiedMessage> m = channel.receive();
            if (m.isEmpty()) {
                throw new IOException("peer closed");
            }
            byte[] p = m.get().plaintext();
            if (p.length != len) {
                throw new IOException("message of " + p.length + " bytes, expected " + len);
            }
            System.arraycopy(p, 0, b, 0, len);
        }

        @Override
        public void sendBulk(long total) throws IOException, MarcomException {
            channel.sendStream("bulk", total, patternSource(total, pattern), n -> {});
        }

        @Override
        public long receiveBulk(long total) throws IOException, MarcomException {
            Delivery d = channel.next();
            if (!(d instanceof Delivery.Stream s)) {
                throw new IOException("expected a stream, got " + d);
            }
            long got = 0;
            int n;
            while ((n = s.stream().read(sink, 0, sink.length)) >= 0) {
                got += n;
            }
            if (got != total || !s.stream().isVerified()) {
                throw new IOException("stream of " + got + " bytes, expected " + total);
            }
            return got;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
