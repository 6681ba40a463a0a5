package dev.marcom.cli;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A man in the middle on loopback for one connection: forwards the preface, then MARCOM frames
 * ({@code type(1) ‖ length(4, big-endian) ‖ body}) between a client and a server, and lets a
 * test rewrite the application RECORD frames the client sends. It can also cut both connections at once, with no
 * close_notify.
 */
final class TamperingProxy implements AutoCloseable {
    static final int RECORD = 0x17;
    private static final int MAX_BODY = 1 << 20;

    /** Decides what the proxy forwards instead of the client's {@code index}th record (from 0). */
    @FunctionalInterface
    interface Tamper {
        List<byte[]> onClientRecord(int index, byte[] frame);
    }

    private final ServerSocket server;
    private final int targetPort;
    private final Tamper tamper;
    private final AtomicInteger clientRecords = new AtomicInteger();
    private final CountDownLatch connected = new CountDownLatch(1);
    private volatile Socket client;
    private volatile Socket upstream;

    private TamperingProxy(ServerSocket server, int targetPort, Tamper tamper) {
        this.server = server;
        this.targetPort = targetPort;
        this.tamper = tamper;
    }

    /** Listens on a free loopback port and relays one connection to {@code targetPort}. */
    static TamperingProxy start(int targetPort, Tamper tamper) throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        TamperingProxy proxy = new TamperingProxy(s, targetPort, tamper);
        Thread t = new Thread(proxy::acceptOne, "proxy-accept");
        t.setDaemon(true);
        t.start();
        return proxy;
    }

    /** A tamper that changes nothing. */
    static Tamper forwardAll() {
        return (i, frame) -> List.of(frame);
    }

    /** A copy of {@code frame} with one bit of its body flipped (the header left intact). */
    static byte[] flipBodyBit(byte[] frame, int bit) {
        byte[] copy = frame.clone();
        int bodyLength = copy.length - 5;
        int b = bit % (bodyLength * 8);
        copy[5 + b / 8] ^= (byte) (1 << (b % 8));
        return copy;
    }

    int port() {
        return server.getLocalPort();
    }

    /** How many RECORD frames the client has sent so far (before tampering). */
    int clientRecords() {
        return clientRecords.get();
    }

    /** Waits until the client has sent at least {@code n} records. */
    boolean awaitClientRecords(int n, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (clientRecords.get() < n) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    private void acceptOne() {
        try {
            Socket c = server.accept();
            server.close();
            Socket u = new Socket();
            u.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 10_000);
            client = c;
            upstream = u;
            connected.countDown();
            Thread up = new Thread(() -> pump(c, u, true), "proxy-c2s");
            Thread down = new Thread(() -> pump(u, c, false), "proxy-s2c");
            up.setDaemon(true);
            down.setDaemon(true);
            up.start();
            down.start();
        } catch (IOException e) {
            close();
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        try {
            DataInputStream in = new DataInputStream(from.getInputStream());
            OutputStream out = to.getOutputStream();
            // Each direction starts with the 8-byte connection preface "MARCOM\r\n": pass it on.
            byte[] preface = new byte[8];
            in.readFully(preface);
            out.write(preface);
            while (true) {
                int type;
                try {
                    type = in.readUnsignedByte();
                } catch (EOFException end) {
                    break;
                }
                int length = in.readInt();
                if (length < 0 || length > MAX_BODY) {
                    throw new IOException("implausible frame length " + length);
                }
                byte[] frame = new byte[5 + length];
                frame[0] = (byte) type;
                frame[1] = (byte) (length >>> 24);
                frame[2] = (byte) (length >>> 16);
                frame[3] = (byte) (length >>> 8);
                frame[4] = (byte) length;
                in.readFully(frame, 5, length);
                List<byte[]> forward = List.of(frame);
                if (fromClient && type == RECORD) {
                    forward = tamper.onClientRecord(clientRecords.get(), frame);
                    clientRecords.incrementAndGet();
                }
                for (byte[] f : forward) {
                    out.write(f);
                }
                out.flush();
            }
        } catch (IOException e) {
            // one side went away: end both
        }
        close();
    }

    /** Cuts both connections at once: no close_notify reaches either side. */
    void cut() throws InterruptedException {
        if (!connected.await(CliProcess.TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("no client connected to the proxy");
        }
        close();
    }

    @Override
    public void close() {
        closeQuietly(server);
        closeQuietly(client);
        closeQuietly(upstream);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
