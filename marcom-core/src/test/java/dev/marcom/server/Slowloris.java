package dev.marcom.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Slow attackers: {@code n} connections that each send one byte every {@code intervalMillis}
 * (the preface, then a ClientHello header announcing 4 KiB, then its body, never finishing), all
 * driven by one thread. Connections the server closed are dropped quietly.
 */
final class Slowloris implements AutoCloseable {
    private static final byte[] SCRIPT = script();
    private final List<SocketChannel> sockets = new ArrayList<>();
    private final Thread thread;
    private volatile boolean stopped;
    private volatile int alive;

    Slowloris(InetSocketAddress target, int n, long intervalMillis) throws IOException {
        for (int i = 0; i < n; i++) {
            SocketChannel s = SocketChannel.open(target);
            s.configureBlocking(false);
            sockets.add(s);
        }
        alive = n;
        thread = new Thread(() -> run(intervalMillis), "slowloris");
        thread.setDaemon(true);
        thread.start();
    }

    private static byte[] script() {
        byte[] b = new byte[8 + 5 + 4096];
        System.arraycopy("MARCOM\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, b, 0, 8);
        b[8] = 0x01; // CLIENT_HELLO
        b[11] = 0x10; // length 4096
        return b;
    }

    private void run(long intervalMillis) {
        int[] sent = new int[sockets.size()];
        long pause = Math.max(1, intervalMillis * 1_000_000L / Math.max(1, sockets.size()));
        while (!stopped) {
            int live = 0;
            for (int i = 0; i < sockets.size() && !stopped; i++) {
                SocketChannel s = sockets.get(i);
                if (!s.isOpen()) {
                    continue;
                }
                try {
                    // A read of -1 means the server hung up on us.
                    if (s.read(ByteBuffer.allocate(64)) < 0) {
                        s.close();
                        continue;
                    }
                    if (sent[i] < SCRIPT.length) {
                        s.write(ByteBuffer.wrap(SCRIPT, sent[i], 1));
                        sent[i]++;
                    }
                    live++;
                } catch (IOException e) {
                    try {
                        s.close();
                    } catch (IOException ignored) {
                        // gone
                    }
                }
                java.util.concurrent.locks.LockSupport.parkNanos(pause);
            }
            alive = live;
        }
    }

    /** Connections the server has not closed, as of the last round. */
    int alive() {
        return alive;
    }

    @Override
    public void close() throws IOException {
        stopped = true;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SocketChannel s : sockets) {
            s.close();
        }
    }
}
