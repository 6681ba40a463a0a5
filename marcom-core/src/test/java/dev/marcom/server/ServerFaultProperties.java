package dev.marcom.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.marcom.MarcomException;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.session.SessionConfig;
import dev.marcom.session.VerifiedMessage;
import dev.marcom.testing.Choices;
import dev.marcom.testing.FaultPlan;
import dev.marcom.testing.Faults;
import dev.marcom.testing.TestIdentities;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The fault property of the non-blocking adapter, written once against {@link Choices}: a
 * {@link MarcomServer} and a {@link MarcomConnector} whose sockets suffer short reads, short and
 * empty writes, delays, a bit flip or a reset ({@link FaultyIo}) exchange messages both ways.
 * Every run ends — never a hang (liveness settings bound it) — either with every message
 * delivered exactly once and in order, or with a typed failure ({@link MarcomException} or
 * {@link IOException}) on each side that did not get everything; what was delivered is always an
 * in-order prefix of what was sent, byte for byte.
 */
final class ServerFaultProperties {
    private static final long HANG_SECONDS = 30;

    private ServerFaultProperties() {}

    static void exchange(Choices c) throws Exception {
        boolean fine = c.percent(30);
        int count = c.intIn(0, 5);
        List<byte[]> toServer = new ArrayList<>();
        List<byte[]> toClient = new ArrayList<>();
        long bytes = 4_000;
        Integer[] sizes = fine ? new Integer[] {0, 1, 100, 1_000} : new Integer[] {0, 100, 5_000, 70_000};
        for (int i = 0; i < count; i++) {
            toServer.add(payload(i, c.pick(sizes), c.seed()));
            toClient.add(payload(i, c.pick(sizes), c.seed()));
            bytes += toServer.get(i).length + toClient.get(i).length + 200;
        }
        int record = c.pick(new Integer[] {1024, 65536});
        Faults atServer = new Faults(FaultPlan.choose(c, bytes / 2, fine));
        Faults atClient = new Faults(FaultPlan.choose(c, bytes / 2, fine));
        SessionConfig serverConfig = config(SessionConfig.builder(TestIdentities.BOB, TrustPolicy.acceptAny()), record);
        SessionConfig clientConfig =
                config(SessionConfig.builder(TestIdentities.ALICE, TrustPolicy.acceptAny()), record);
        Limits limits = Limits.builder().workerThreads(2).build();

        Recorder server = new Recorder().expectEnds(1).expectEstablished(1);
        Recorder client = new Recorder().expectEnds(1);
        try (MarcomServer listener = MarcomServer.builder(serverConfig, server)
                        .limits(limits)
                        .io(() -> new FaultyIo(atServer))
                        .bind(MarcomServerTest.ANY_PORT);
                MarcomConnector connector = MarcomConnector.open(limits, () -> new FaultyIo(atClient))) {
            CompletableFuture<Connection> opening = connector.connect(listener.localAddress(), clientConfig, client);
            Connection clientSide = null;
            try {
                clientSide = opening.get(HANG_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                assertTyped(e.getCause(), "client handshake");
            } catch (TimeoutException e) {
                fail("hang: the client's handshake neither finished nor failed; " + atClient.plan());
            }
            Connection serverSide = null;
            if (clientSide != null) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(HANG_SECONDS);
                while (server.events.isEmpty() || server.of(only(server)).isEmpty()) {
                    if (System.nanoTime() > deadline) {
                        fail("hang: the server heard nothing; " + atServer.plan());
                    }
                    Thread.sleep(2);
                }
                serverSide = only(server);
                sendAll(clientSide, toServer);
                sendAll(serverSide, toClient);
                // Wait for everything to arrive, or for either side to end.
                while (!(received(server, serverSide) == count && received(client, clientSide) == count)
                        && !ended(server, serverSide)
                        && !ended(client, clientSide)) {
                    if (System.nanoTime() > deadline) {
                        fail("hang: messages neither arrived nor failed; server " + atServer.plan() + ", client "
                                + atClient.plan());
                    }
                    Thread.sleep(2);
                }
                clientSide.close();
            }
            if (!client.awaitEnds(HANG_SECONDS) || !server.awaitEnds(HANG_SECONDS)) {
                fail("hang: a connection never ended; server " + atServer.plan() + ", client " + atClient.plan()
                        + "; events " + server.events + " / " + client.events);
            }
            if (serverSide == null && !server.events.isEmpty()) {
                serverSide = only(server);
            }
            check(server, serverSide, toServer, "server");
            check(client, clientSide, toClient, "client");
            checkComplete(server, serverSide, toServer, client, clientSide, toClient);
            assertThat(server.violations).isEmpty();
            assertThat(client.violations).isEmpty();
        }
    }

    private static SessionConfig config(SessionConfig.Builder b, int record) {
        return b.handshakeTimeout(Duration.ofSeconds(2))
                .keepAliveInterval(Duration.ofMillis(100))
                .idleTimeout(Duration.ofMillis(800))
                .recordContentBytes(record)
                .build();
    }

    private static byte[] payload(int index, int size, long seed) {
        byte[] filler = Choices.filler(seed, size);
        return ByteBuffer.allocate(4 + size).putInt(index).put(filler).array();
    }

    private static void sendAll(Connection c, List<byte[]> messages) {
        for (byte[] m : messages) {
            try {
                c.send(m);
            } catch (MarcomException | IOException e) {
                return; // the connection ended; the property checks how
            }
        }
    }

    private static Connection only(Recorder r) {
        assertThat(r.events).hasSize(1);
        return r.events.keySet().iterator().next();
    }

    private static int received(Recorder r, Connection c) {
        return r.messages.getOrDefault(c, List.of()).size();
    }

    private static boolean ended(Recorder r, Connection c) {
        List<String> events = r.of(c);
        synchronized (events) {
            return !events.isEmpty()
                    && (events.get(events.size() - 1).startsWith("closed")
                            || events.get(events.size() - 1).startsWith("failed"));
        }
    }

    private static void check(Recorder r, Connection c, List<byte[]> sent, String side) {
        if (c == null) {
            return;
        }
        Exception failure = r.failures.get(c);
        if (failure != null) {
            assertTyped(failure, side);
        }
        List<VerifiedMessage> got = r.messages.getOrDefault(c, List.of());
        assertThat(got.size()).as("%s received no more than was sent", side).isLessThanOrEqualTo(sent.size());
        for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i).sequence())
                    .as("%s message %d in order", side, i)
                    .isEqualTo(i + 1);
            assertThat(got.get(i).plaintextBuffer().equals(ByteBuffer.wrap(sent.get(i))))
                    .as("%s message %d delivered intact", side, i)
                    .isTrue();
        }
    }

    /** Without a failure on either side, everything arrived both ways. */
    private static void checkComplete(
            Recorder server,
            Connection serverSide,
            List<byte[]> toServer,
            Recorder client,
            Connection clientSide,
            List<byte[]> toClient) {
        if (clientSide == null
                || serverSide == null
                || server.failures.containsKey(serverSide)
                || client.failures.containsKey(clientSide)) {
            return;
        }
        assertThat(received(server, serverSide))
                .as("no failure: the server got everything")
                .isEqualTo(toServer.size());
        assertThat(received(client, clientSide))
                .as("no failure: the client got everything")
                .isEqualTo(toClient.size());
        assertThat(client.of(clientSide)).last().isEqualTo("closed:CLOSED_LOCALLY");
        assertThat(server.of(serverSide)).last().isEqualTo("closed:PEER_CLOSED");
    }

    private static void assertTyped(Throwable t, String where) {
        assertThat(t)
                .as("%s failed with a typed exception", where)
                .isInstanceOfAny(MarcomException.class, IOException.class);
    }
}
