package dev.marcom.server;

import dev.marcom.identity.PeerIdentity;
import dev.marcom.session.VerifiedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * A {@link SessionHandler} for tests: records every connection's events in order, checks that
 * one connection's events never overlap and come in the documented order, and optionally answers
 * messages.
 */
final class Recorder implements SessionHandler {
    /** One connection's events, as strings like "established", "message:hi", "closed:PEER_CLOSED". */
    final Map<Connection, List<String>> events = new ConcurrentHashMap<>();

    final Map<Connection, List<VerifiedMessage>> messages = new ConcurrentHashMap<>();
    final Map<Connection, Exception> failures = new ConcurrentHashMap<>();
    final List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<Connection, Thread> inside = new ConcurrentHashMap<>();
    private final BiConsumer<Connection, VerifiedMessage> onMessage;
    private volatile CountDownLatch ends = new CountDownLatch(0);
    private volatile CountDownLatch establishedLatch = new CountDownLatch(0);

    Recorder() {
        this((c, m) -> {});
    }

    Recorder(BiConsumer<Connection, VerifiedMessage> onMessage) {
        this.onMessage = onMessage;
    }

    /** An echo server's handler: answers every message with "echo: " + its text. */
    static Recorder echo() {
        return new Recorder((c, m) -> {
            try {
                c.send("echo: " + m.text());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    Recorder expectEnds(int n) {
        ends = new CountDownLatch(n);
        return this;
    }

    Recorder expectEstablished(int n) {
        establishedLatch = new CountDownLatch(n);
        return this;
    }

    boolean awaitEnds(long seconds) throws InterruptedException {
        return ends.await(seconds, TimeUnit.SECONDS);
    }

    boolean awaitEstablished(long seconds) throws InterruptedException {
        return establishedLatch.await(seconds, TimeUnit.SECONDS);
    }

    List<String> of(Connection c) {
        return events.getOrDefault(c, List.of());
    }

    private void enter(Connection c, String event) {
        Thread previous = inside.put(c, Thread.currentThread());
        if (previous != null) {
            violations.add(c + ": " + event + " overlaps another event on " + previous.getName());
        }
        List<String> list = events.computeIfAbsent(c, k -> java.util.Collections.synchronizedList(new ArrayList<>()));
        if (!list.isEmpty()) {
            String last = list.get(list.size() - 1);
            if (last.startsWith("closed") || last.startsWith("failed")) {
                violations.add(c + ": " + event + " after " + last);
            }
        }
        if (event.startsWith("message") && (list.isEmpty() || !list.get(0).equals("established"))) {
            violations.add(c + ": " + event + " before established");
        }
        list.add(event);
    }

    private void leave(Connection c) {
        inside.remove(c);
    }

    @Override
    public void established(Connection connection, PeerIdentity peer) {
        enter(connection, "established");
        if (!connection.peer().equals(java.util.Optional.of(peer))) {
            violations.add(connection + ": peer() differs from the established peer");
        }
        leave(connection);
        establishedLatch.countDown();
    }

    @Override
    public void message(Connection connection, VerifiedMessage message) {
        enter(connection, "message:" + message.text());
        messages.computeIfAbsent(connection, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                .add(message);
        try {
            onMessage.accept(connection, message);
        } finally {
            leave(connection);
        }
    }

    @Override
    public void writable(Connection connection) {
        enter(connection, "writable");
        leave(connection);
    }

    @Override
    public void closed(Connection connection, CloseReason reason) {
        enter(connection, "closed:" + reason);
        leave(connection);
        ends.countDown();
    }

    @Override
    public void failed(Connection connection, Exception cause) {
        enter(connection, "failed:" + cause.getClass().getSimpleName());
        failures.put(connection, cause);
        leave(connection);
        ends.countDown();
    }
}
