package dev.marcom.cli;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How much a listener lets strangers take: handshakes in progress (each costs a thread and signature
 * work until it finishes or times out), open connections per remote address, and established
 * sessions. A connection over a limit is closed at once, before any work, and the reason logged.
 * Thread-safe.
 */
final class ConnectionLimits {
    private final int maxPerAddress;
    private final Semaphore handshakes;
    private final Semaphore sessions;
    private final Map<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();

    ConnectionLimits(int maxHandshakes, int maxPerAddress, int maxSessions) {
        this.handshakes = new Semaphore(maxHandshakes);
        this.maxPerAddress = maxPerAddress;
        this.sessions = new Semaphore(maxSessions);
    }

    /** One accepted connection's claim on the limits; release what it holds exactly once. */
    final class Claim {
        private final InetAddress address;
        private boolean handshaking = true;
        private boolean session;
        private boolean released;

        private Claim(InetAddress address) {
            this.address = address;
        }

        /**
         * The handshake finished: trade its slot for a session slot.
         *
         * @return false (and everything released) if no session slot is free
         */
        synchronized boolean established() {
            releaseHandshake();
            if (!sessions.tryAcquire()) {
                release();
                return false;
            }
            session = true;
            return true;
        }

        private void releaseHandshake() {
            if (handshaking) {
                handshaking = false;
                handshakes.release();
            }
        }

        /** The connection ended (failed handshake or finished session). Idempotent. */
        synchronized void release() {
            if (released) {
                return;
            }
            released = true;
            releaseHandshake();
            if (session) {
                sessions.release();
            }
            leave(address);
        }
    }

    /** Forgets one connection from {@code address}, and the address with its last one. */
    private void leave(InetAddress address) {
        perAddress.computeIfPresent(address, (a, n) -> n.decrementAndGet() == 0 ? null : n);
    }

    /**
     * Claims room for a new connection from {@code address}.
     *
     * @return the claim, or null with {@code why} filled in if a limit is reached
     */
    Claim admit(InetAddress address, StringBuilder why) {
        AtomicInteger count = perAddress.computeIfAbsent(address, a -> new AtomicInteger());
        if (count.incrementAndGet() > maxPerAddress) {
            leave(address);
            why.append(maxPerAddress).append(" connections from this address are already open");
            return null;
        }
        if (!handshakes.tryAcquire()) {
            leave(address);
            why.append("too many handshakes in progress");
            return null;
        }
        return new Claim(address);
    }
}
