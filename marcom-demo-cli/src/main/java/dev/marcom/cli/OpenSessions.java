package dev.marcom.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The chat sessions a command has open, so that all of them can be closed with close_notify at
 * once: on {@code /quit}, at the end, and from the shutdown hook when the process gets SIGINT or
 * SIGTERM. A session ends itself when its peer closes it; once {@link #closeAll} has begun, a
 * session added late (a handshake that finished meanwhile) is closed at once.
 */
final class OpenSessions {
    private final List<PeerSession> sessions = new CopyOnWriteArrayList<>();
    private volatile boolean closing;

    /** Adds an established session; it removes itself when it ends. */
    @SuppressWarnings("FutureReturnValueIgnored") // whenComplete's future: the callback cannot fail
    void add(PeerSession session) {
        sessions.add(session);
        session.ended().whenComplete((reason, e) -> sessions.remove(session));
        if (closing) {
            session.close();
        }
    }

    /** The sessions open now. */
    List<PeerSession> list() {
        return List.copyOf(sessions);
    }

    /**
     * Closes every session with close_notify and waits, at most {@code wait} in all, until each
     * has ended (and so has reported how).
     */
    void closeAll(Duration wait) throws InterruptedException {
        closing = true;
        List<PeerSession> open = list();
        for (PeerSession s : open) {
            s.close();
        }
        long deadline = System.nanoTime() + wait.toNanos();
        for (PeerSession s : open) {
            try {
                s.ended().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // its transport is closed; the process exits regardless
            }
        }
    }
}
