package dev.marcom.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A slowloris attacker: {@code n} connections that each send one byte every {@code interval}
 * (the MARCOM preface, then a ClientHello header announcing 4 KiB, then its body, never finishing
 * it), all from one thread; a connection the server closes (timeout, eviction) is opened again,
 * as a real attacker would.
 */
final class Slowloris implements AutoCloseable {
    private static final byte[] SCRIPT = script();
    private final InetSocketAddress target;
    private final SocketAddress[] from;
    private final SocketChannel[] sockets;
    private final int[] sent;
    private final Thread thread;
    private final AtomicLong reopened = new AtomicLong();
    private volatile boolean stopped;
    private volatile int open;

    Slowloris(InetSocketAddress target, SocketAddress[] from, int n, long intervalMillis) throws IOException {
        this.target = target;
        this.from = from;
        this.sockets = new SocketChannel[n];
        this.sent = new int[n];
        for (int i = 0; i < n; i++) {
            sockets[i] = connect(i);
        }
        open = n;
        thread = new Thread(() -> run(intervalMillis), "slowloris");
        thread.setDaemon(true);
        thread.start();
    }

    private SocketChannel connect(int i) throws IOException {
        SocketChannel s = SocketChannel.open();
        s.bind(from[i % from.length]);
        s.connect(target);
        s.configureBlocking(false);
        sent[i] = 0;
        return s;
    }

    private static byte[] script() {
        byte[] b = new byte[8 + 5 + 4096];
        System.arraycopy("MARCOM\r\n".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 8);
        b[8] = 0x01; // CLIENT_HELLO
        b[11] = 0x10; // length 4096
        return b;
    }

    private void run(long intervalMillis) {
        long pause = Math.max(1_000, intervalMillis * 1_000_000L / Math.max(1, sockets.length));
        ByteBuffer sink = ByteBuffer.allocate(256);
        while (!stopped) {
            int live = 0;
            for (int i = 0; i < sockets.length && !stopped; i++) {
                try {
                    sink.clear();
                    if (sockets[i] == null || sockets[i].read(sink) < 0) {
                        close(i);
                        sockets[i] = connect(i);
                        reopened.incrementAndGet();
                    }
                    if (sent[i] < SCRIPT.length) {
                        sockets[i].write(ByteBuffer.wrap(SCRIPT, sent[i], 1));
                        sent[i]++;
                    }
                    live++;
                } catch (IOException e) {
                    close(i);
                    sockets[i] = null;
                }
                LockSupport.parkNanos(pause);
            }
            open = live;
        }
    }

    private void close(int i) {
        try {
            if (sockets[i] != null) {
                sockets[i].close();
            }
        } catch (IOException ignored) {
            // gone
        }
    }

    /** Connections open as of the last round. */
    int open() {
        return open;
    }

    /** Connections the server closed and the attacker opened again. */
    long reopened() {
        return reopened.get();
    }

    @Override
    public void close() {
        stopped = true;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (int i = 0; i < sockets.length; i++) {
            close(i);
        }
    }
}
