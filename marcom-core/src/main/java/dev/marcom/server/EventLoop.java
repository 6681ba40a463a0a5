package dev.marcom.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One selector and the thread that runs it: does socket I/O for its connections and nothing else
 * (no cryptography, no application code). Other threads hand it work with {@link #execute}.
 *
 * <p>The loop owns one read buffer shared by all its connections: bytes are read into it and
 * copied at once into the frames they belong to, so an idle connection holds no buffer.
 */
final class EventLoop implements Runnable {
    /** One read takes at most this much from a socket; enough for a full record frame. */
    static final int READ_BUFFER_BYTES = 64 * 1024 + 32;

    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    private volatile boolean stopped;

    EventLoop(String name) throws IOException {
        this.selector = Selector.open();
        this.thread = new Thread(this, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on the loop thread, soon. */
    void execute(Runnable task) {
        tasks.add(task);
        wakeup();
    }

    /** Makes a pending select return, so interest changes from other threads take effect. */
    void wakeup() {
        if (!inLoop()) {
            selector.wakeup();
        }
    }

    /** Registers a channel; loop thread only. */
    SelectionKey register(SelectableChannel channel, int ops, Object attachment) throws IOException {
        return channel.register(selector, ops, attachment);
    }

    void stop() {
        stopped = true;
        selector.wakeup();
    }

    void join(long millis) throws InterruptedException {
        thread.join(millis);
    }

    @Override
    public void run() {
        try {
            while (!stopped) {
                runTasks();
                try {
                    selector.select(this::dispatch);
                } catch (IOException e) {
                    // A selector that fails is not recoverable in practice; the loop keeps going so that
                    // tasks (closing channels) still run, and stops with the server.
                    Thread.onSpinWait();
                }
            }
            runTasks();
        } catch (ClosedSelectorException e) {
            // stopped
        } finally {
            try {
                selector.close();
            } catch (IOException ignored) {
                // nothing left to do
            }
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                // a task must not stop the loop; tasks handle their own failures
            }
        }
    }

    private void dispatch(SelectionKey key) {
        try {
            if (!key.isValid()) {
                return;
            }
            Object attachment = key.attachment();
            if (attachment instanceof Connection c) {
                c.ready(key, readBuffer);
            } else if (attachment instanceof Runnable acceptor) {
                acceptor.run();
            }
        } catch (CancelledKeyException e) {
            // closed by another thread meanwhile
        } catch (RuntimeException e) {
            // one connection's bug must not stop the loop for all others
        }
    }
}
