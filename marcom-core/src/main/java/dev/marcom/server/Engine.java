package dev.marcom.server;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The machinery shared by a {@link MarcomServer} or {@link MarcomConnector} and all its
 * connections: the event loops, the worker pool, the one timer thread that sweeps every
 * connection for deadlines, and the admission bookkeeping behind {@link Limits}.
 */
final class Engine implements Executor {
    /** The timer sweeps at least this often and at most this often. */
    private static final long MIN_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private static final long MAX_TICK_NANOS = TimeUnit.SECONDS.toNanos(1);

    final Limits limits;
    final Supplier<Io> io;
    private final EventLoop[] loops;
    private final AtomicInteger nextLoop = new AtomicInteger();
    private final ThreadPoolExecutor workers;
    private final ScheduledThreadPoolExecutor timer;
    /** Every connection whose transport is still open, for the timer's sweep. */
    private final Set<Connection> live = ConcurrentHashMap.newKeySet();

    // Admission, guarded by "this".
    private int open;
    private final Map<InetAddress, int[]> perAddress = new HashMap<>();
    private final LinkedHashSet<Connection> handshaking = new LinkedHashSet<>();

    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong evicted = new AtomicLong();
    final AtomicLong established = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong closed = new AtomicLong();

    // The sweep reschedules itself every tickNanos; a connection that needs finer ticks lowers it.
    private long tickNanos = MAX_TICK_NANOS;
    private long sweepGeneration;
    private ScheduledFuture<?> pendingSweep;
    private volatile boolean shuttingDown;

    Engine(String name, Limits limits, Supplier<Io> io) throws IOException {
        this.limits = limits;
        this.io = io;
        AtomicInteger workerIds = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(
                limits.workerThreads(), limits.workerThreads(), 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, name + "-worker-" + workerIds.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name + "-timer");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        this.loops = new EventLoop[limits.ioThreads()];
        try {
            for (int i = 0; i < loops.length; i++) {
                loops[i] = new EventLoop(name + "-io-" + (i + 1));
            }
        } catch (IOException e) {
            workers.shutdownNow();
            timer.shutdownNow();
            throw e;
        }
        for (EventLoop loop : loops) {
            loop.start();
        }
        synchronized (this) {
            scheduleSweep(tickNanos);
        }
    }

    /** The loop that accepts (servers) and the first one connections are spread from. */
    EventLoop firstLoop() {
        return loops[0];
    }

    /** The loop for a new connection: round robin. */
    EventLoop nextLoop() {
        return loops[Math.floorMod(nextLoop.getAndIncrement(), loops.length)];
    }

    /** Runs a task on a worker thread; dropped once the engine shut down. */
    @Override
    public void execute(Runnable task) {
        try {
            workers.execute(task);
        } catch (RejectedExecutionException e) {
            // shut down: connections are being closed anyway
        }
    }

    boolean shuttingDown() {
        return shuttingDown;
    }

    /**
     * Admits and counts a new connection, or says why not. A server at its handshake limit makes
     * room by evicting the oldest handshake that is waiting for its peer.
     *
     * @param address the remote address (counted per address when {@code server})
     * @return null if admitted (the connection is then counted), else the reason for refusing it
     */
    String admit(Connection c, InetAddress address, boolean server) {
        Connection victim = null;
        synchronized (this) {
            if (shuttingDown) {
                return "shutting down";
            }
            if (open >= limits.maxConnections()) {
                rejected.incrementAndGet();
                return "too many connections (" + limits.maxConnections() + ")";
            }
            int[] count = server ? perAddress.get(address) : null;
            if (count != null && count[0] >= limits.maxConnectionsPerAddress()) {
                rejected.incrementAndGet();
                return "too many connections from " + address.getHostAddress() + " ("
                        + limits.maxConnectionsPerAddress() + ")";
            }
            if (handshaking.size() >= limits.maxHandshakes()) {
                victim = server ? oldestWaiting() : null;
                if (victim == null) {
                    rejected.incrementAndGet();
                    return "too many handshakes in flight (" + limits.maxHandshakes() + ")";
                }
                release(victim);
                evicted.incrementAndGet();
            }
            open++;
            if (server) {
                perAddress.computeIfAbsent(address, a -> new int[1])[0]++;
            }
            c.counted = true;
            handshaking.add(c);
            opened.incrementAndGet();
        }
        live.add(c);
        if (victim != null) {
            victim.evict(new OverloadedException("handshake abandoned to admit a newer connection: "
                    + limits.maxHandshakes() + " handshakes were in flight"));
        }
        lowerTick(c.tickNanos());
        return null;
    }

    private Connection oldestWaiting() {
        Iterator<Connection> it = handshaking.iterator();
        while (it.hasNext()) {
            Connection c = it.next();
            if (c.waitingForPeer()) {
                return c;
            }
        }
        return null;
    }

    /** The handshake of {@code c} ended (established or failed). */
    synchronized void handshakeEnded(Connection c) {
        handshaking.remove(c);
    }

    /** {@code c} ended: it no longer counts against the limits. Idempotent. */
    synchronized void release(Connection c) {
        handshaking.remove(c);
        if (!c.counted) {
            return;
        }
        c.counted = false;
        open--;
        if (c.role() == dev.marcom.Role.SERVER) {
            InetAddress a = c.remoteInetAddress();
            int[] count = perAddress.get(a);
            if (count != null && --count[0] <= 0) {
                perAddress.remove(a);
            }
        }
    }

    /** {@code c}'s transport is closed: the timer no longer looks at it. */
    void transportClosed(Connection c) {
        live.remove(c);
    }

    synchronized Stats stats() {
        return new Stats(
                open,
                handshaking.size(),
                opened.get(),
                rejected.get(),
                evicted.get(),
                established.get(),
                failed.get(),
                closed.get());
    }

    private synchronized void lowerTick(long nanos) {
        long tick = Math.max(MIN_TICK_NANOS, Math.min(MAX_TICK_NANOS, nanos));
        if (tick < tickNanos) {
            tickNanos = tick;
            if (pendingSweep != null) {
                pendingSweep.cancel(false);
            }
            scheduleSweep(tick);
        }
    }

    /** Schedules the next sweep; the caller holds the lock. */
    private void scheduleSweep(long delayNanos) {
        if (shuttingDown && live.isEmpty()) {
            return;
        }
        long generation = ++sweepGeneration;
        try {
            pendingSweep = timer.schedule(() -> sweep(generation), delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            pendingSweep = null;
        }
    }

    private void sweep(long generation) {
        synchronized (this) {
            if (generation != sweepGeneration) {
                return; // replaced by a finer schedule
            }
        }
        long now = System.nanoTime();
        for (Connection c : live) {
            try {
                c.tick(now);
            } catch (RuntimeException e) {
                // one connection's failure must not stop the timer for the others
            }
        }
        synchronized (this) {
            if (generation == sweepGeneration) {
                scheduleSweep(tickNanos);
            }
        }
    }

    /**
     * Closes every connection (close_notify for established ones), waits up to {@code graceMillis}
     * for them to end, cuts what remains, then stops the threads.
     */
    void shutdown(long graceMillis) {
        synchronized (this) {
            shuttingDown = true;
        }
        for (Connection c : new ArrayList<>(live)) {
            c.close();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
        while (!live.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<Connection> rest = new ArrayList<>(live);
        for (Connection c : rest) {
            c.cut(new dev.marcom.SessionClosedException("closed by this side (shut down)"));
        }
        workers.shutdown();
        try {
            workers.awaitTermination(graceMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
        timer.shutdownNow();
        for (EventLoop loop : loops) {
            loop.stop();
        }
        for (EventLoop loop : loops) {
            try {
                loop.join(graceMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
