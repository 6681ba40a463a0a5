package dev.marcom.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.marcom.MarcomException;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.session.SessionConfig;
import dev.marcom.session.VerifiedMessage;
import dev.marcom.testing.Choices;
import dev.marcom.testing.FaultPlan;
import dev.marcom.testing.Faults;
import dev.marcom.testing.FaultyStreams;
import dev.marcom.testing.TestIdentities;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The fault property of the blocking {@link SecureChannel}, written once against {@link Choices}:
 * both ends' sockets suffer short reads, writes cut into short flushed pieces, delays, a bit
 * flip or a reset ({@link FaultyStreams}) while each side sends messages on one thread and
 * receives on another. Every run ends — never a hang — with every message delivered exactly once
 * and in order, or with typed exceptions ({@link MarcomException} or {@link IOException}); what
 * was delivered is always an in-order prefix of what was sent, byte for byte.
 */
final class ChannelFaultProperties {
    private static final long HANG_SECONDS = 30;

    private ChannelFaultProperties() {}

    /** One side's outcome: what it received, and the exceptions its threads ended with. */
    private static final class Side {
        final List<VerifiedMessage> received = Collections.synchronizedList(new ArrayList<>());
        final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        volatile boolean peerClosed;
    }

    static void exchange(Choices c) throws Exception {
        boolean fine = c.percent(30);
        int count = c.intIn(0, 5);
        Integer[] sizes = fine ? new Integer[] {0, 1, 100, 1_000} : new Integer[] {0, 100, 5_000, 70_000};
        List<byte[]> toServer = new ArrayList<>();
        List<byte[]> toClient = new ArrayList<>();
        long bytes = 4_000;
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

        Side server = new Side();
        Side client = new Side();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fault-run");
            t.setDaemon(true);
            return t;
        });
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Future<?> serving = pool.submit(() -> {
                try (Socket s = listener.accept()) {
                    run(
                            SecureChannel.accept(
                                    StreamFrameChannel.of(
                                            FaultyStreams.in(s, atServer), FaultyStreams.out(s, atServer)),
                                    serverConfig),
                            toClient,
                            toServer.size(),
                            server,
                            pool,
                            false);
                } catch (Exception e) {
                    server.failures.add(e);
                }
                return null;
            });
            Future<?> connecting = pool.submit(() -> {
                try (Socket s = new Socket(listener.getInetAddress(), listener.getLocalPort())) {
                    run(
                            SecureChannel.connect(
                                    StreamFrameChannel.of(
                                            FaultyStreams.in(s, atClient), FaultyStreams.out(s, atClient)),
                                    clientConfig),
                            toServer,
                            toClient.size(),
                            client,
                            pool,
                            true);
                } catch (Exception e) {
                    client.failures.add(e);
                }
                return null;
            });
            try {
                connecting.get(HANG_SECONDS, TimeUnit.SECONDS);
                serving.get(HANG_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                fail("hang; server " + atServer.plan() + ", client " + atClient.plan());
            }
        } finally {
            pool.shutdownNow();
        }
        check(server, toServer, "server");
        check(client, toClient, "client");
        if (server.failures.isEmpty() && client.failures.isEmpty()) {
            assertThat(server.received)
                    .as("no failure: the server got everything")
                    .hasSize(toServer.size());
            assertThat(client.received)
                    .as("no failure: the client got everything")
                    .hasSize(toClient.size());
            assertThat(server.peerClosed)
                    .as("the server saw the client's close_notify")
                    .isTrue();
        }
    }

    /**
     * Sends on a second thread while receiving {@code expected} messages on this one; the client
     * then closes, the server waits for the client's close_notify and closes.
     */
    private static void run(
            SecureChannel channel, List<byte[]> send, int expected, Side side, ExecutorService pool, boolean client)
            throws Exception {
        try (channel) {
            Future<?> sending = pool.submit(() -> {
                for (byte[] m : send) {
                    channel.send(m);
                }
                return null;
            });
            try {
                for (int i = 0; i < expected; i++) {
                    Optional<VerifiedMessage> m = channel.receive();
                    if (m.isEmpty()) {
                        side.peerClosed = true;
                        break;
                    }
                    side.received.add(m.get());
                }
                if (!client && !side.peerClosed) {
                    side.peerClosed = channel.receive().isEmpty();
                }
            } catch (Exception e) {
                side.failures.add(e);
                channel.close(); // unblock our sender
            }
            try {
                sending.get(HANG_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                side.failures.add(e.getCause());
            }
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
        return ByteBuffer.allocate(4 + size)
                .putInt(index)
                .put(Choices.filler(seed, size))
                .array();
    }

    private static void check(Side side, List<byte[]> sent, String name) {
        for (Throwable t : side.failures) {
            assertThat(t)
                    .as("%s failed with a typed exception", name)
                    .isInstanceOfAny(MarcomException.class, IOException.class);
        }
        List<VerifiedMessage> got = new ArrayList<>(side.received);
        assertThat(got.size()).as("%s received no more than was sent", name).isLessThanOrEqualTo(sent.size());
        for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i).sequence())
                    .as("%s message %d in order", name, i)
                    .isEqualTo(i + 1);
            assertThat(got.get(i).plaintextBuffer().equals(ByteBuffer.wrap(sent.get(i))))
                    .as("%s message %d delivered intact", name, i)
                    .isTrue();
        }
    }
}
